//! Real exports in ../shared/formats (read from there, never copied here):
//! each loads with the comment count, maximum depth and first authors its
//! SOURCE.txt and the file itself give, and dumps cleanly. They run whenever
//! ../shared is beside the checkout, and fail under `CI=true` when it is not.

mod common;

use common::{load_path, shared_folder};
use tread::document::BlockKind;
use tread::formats::Format;
use tread::text::wrap::display_width;

struct Expected {
    file: &'static str,
    comments: usize,
    /// Stubs for replies the file does not hold (Reddit's "more").
    stubs: usize,
    /// Levels of replies, counting top-level comments as level 1.
    levels: u32,
    first_authors: &'static [&'static str],
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "hackernews/hn_algolia_item_8828543_shazow-communal.json",
        comments: 104,
        stubs: 0,
        levels: 6,
        first_authors: &["silbak04", "emmanueloga_", "otterley"],
    },
    Expected {
        file: "hackernews/hn_algolia_item_48849066_projection_circumflex.json",
        comments: 1079,
        stubs: 0,
        levels: 1,
        first_authors: &["system2", "dude250711", "system2"],
    },
    Expected {
        // SOURCE.txt: 199 comments and 125 `more` stubs (shown as rows saying
        // what the file does not hold), max depth 9 (0-based).
        file: "reddit/reddit_r-self_1cebxh_2013_graw.json",
        comments: 199,
        stubs: 125,
        levels: 10,
        first_authors: &["bacon_cake", "hglkgkjd", "Catness_NeverClean"],
    },
    Expected {
        file: "reddit/reddit_2023_graw_ThreadWithRedditVideoPreview.json",
        comments: 21,
        stubs: 0,
        levels: 5,
        first_authors: &["Ashamed_Debate_7822", "toolgifs", "maximusagain"],
    },
    Expected {
        // Fetched with raw_json=1 (HTML as HTML): 470 comments and 34 more
        // stubs.
        file: "reddit/praw_3hahrw_sort_old_2017.json",
        comments: 470,
        stubs: 34,
        levels: 10,
        first_authors: &["frittenlord", "Rivster79", "I_UPVOTE_ARKANSAS"],
    },
    Expected {
        file: "reddit/rtv_Python_6302cj_job_board.json",
        comments: 110,
        stubs: 0,
        levels: 10,
        first_authors: &["Sorry4StupidQuestion", "cloudquant", "BrianMercurytide"],
    },
    Expected {
        file: "lobsters/lobsters_s_tdfoqh_2025schema.json",
        comments: 10,
        stubs: 0,
        levels: 3,
        first_authors: &["dpercy", "friendlysock", "gioele"],
    },
    Expected {
        file: "lobsters/lobsters_s_d9ucpe_2021schema.json",
        comments: 7,
        stubs: 0,
        levels: 2,
        first_authors: &["garymoon", "enz", "jxy"],
    },
    Expected {
        // 20 posts, 433..452: a reply chain at least 7 deep; 443 replies to
        // post 149, outside the window, and starts a thread.
        file: "discourse/discourse_t_2108_452_topic_view.json",
        comments: 20,
        stubs: 0,
        levels: 8,
        first_authors: &["ActiveMind", "Jarrod", "Elliot"],
    },
    Expected {
        // 20 posts; post 1 is the article.
        file: "discourse/discourse_t_2144_posts_endpoint.json",
        comments: 19,
        stubs: 0,
        levels: 5,
        first_authors: &["Eternity", "anonymous45", "Eternity"],
    },
    Expected {
        // The same posts served newest first (`posts.json?post_number=21`):
        // read in post-number order, the thread is as the posts endpoint's.
        file: "discourse/xertrov_t_2144_posts_pn21_descending.json",
        comments: 18,
        stubs: 0,
        levels: 5,
        first_authors: &["Eternity", "anonymous45", "Eternity"],
    },
    Expected {
        // A context with its three descendants, without the status they
        // answer.
        file: "mastodon/rtoot_get_context_with_token.json",
        comments: 3,
        stubs: 0,
        levels: 2,
        first_authors: &["erc_bk", "MickaelCanouil", "MickaelCanouil"],
    },
    Expected {
        // A context of one ancestor (the thread's first status, the article)
        // and no descendants.
        file: "mastodon/rtoot_get_context_with_ancesters.json",
        comments: 0,
        stubs: 0,
        levels: 0,
        first_authors: &[],
    },
    Expected {
        // Two comments of PyGithub issue 28, without the issue.
        file: "github/pygithub_Issue.testGetComments.json",
        comments: 2,
        stubs: 0,
        levels: 1,
        first_authors: &["jacquev6", "roskakori"],
    },
    Expected {
        // A maildir of 60 LKML messages, 46 distinct (the copies merge):
        // the article, 45 comments and 20 placeholders for messages the
        // folder lacks that hold replies together.
        file: "maildir/lkml",
        comments: 65,
        stubs: 0,
        levels: 12,
        first_authors: &["", "Stefan Schmidt", "Keith Packard"],
    },
    Expected {
        // One NNTP article: a thread of one message.
        file: "usenet/perceval_nntp_2.txt",
        comments: 0,
        stubs: 0,
        levels: 0,
        first_authors: &[],
    },
    Expected {
        file: "hnpwa/hnpwa_item_1_circumflex.json",
        // SOURCE.txt counts 20 items; one is a deleted comment without
        // replies, which is not shown (only deleted parents stay, as
        // placeholders for their replies).
        comments: 19,
        stubs: 0,
        levels: 6,
        first_authors: &["sama", "pg", "dmon"],
    },
];

#[test]
fn shared_exports_load_with_their_documented_shape() {
    let Some(shared) = shared_folder("shared_exports_load_with_their_documented_shape") else {
        return;
    };
    for expected in EXPECTED {
        let path = shared.join("formats").join(expected.file);
        let document = load_path(&path, None);
        assert_eq!(
            document.comments.comment_count(),
            expected.comments,
            "{}",
            expected.file
        );
        assert_eq!(
            document.comments.stubs().0,
            expected.stubs,
            "{}",
            expected.file
        );
        // Depth of real comments (stubs sit one level below).
        let levels = document
            .comments
            .iter()
            .filter(|(_, c)| !c.is_stub())
            .map(|(_, c)| c.depth + 1)
            .max()
            .unwrap_or(0);
        assert_eq!(levels, expected.levels, "{}", expected.file);
        let authors: Vec<&str> = document
            .comments
            .iter()
            .take(3)
            .map(|(_, c)| c.author.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(authors, expected.first_authors, "{}", expected.file);
        let dump = tread::commands::dump::render(&document, 80);
        assert!(
            dump.lines().all(|l| display_width(l) <= 80),
            "{}",
            expected.file
        );
        assert!(
            !dump.chars().any(|c| c.is_control() && c != '\n'),
            "{}",
            expected.file
        );
    }
}

/// Mail archives, beside the exports above.
const MAIL: &[&str] = &[
    "mbox/b4_trailers-thread-with-followups.mbox",
    "mbox/perceval_mbox_iso8859_encoding.mbox",
    "mbox/pipermail_r-devel_2010-March.txt",
];

#[test]
fn what_tread_writes_it_reads_back_byte_identical() {
    let Some(shared) = shared_folder("what_tread_writes_it_reads_back_byte_identical") else {
        return;
    };
    let files = EXPECTED.iter().map(|e| e.file).chain(MAIL.iter().copied());
    for file in files {
        let document = load_path(&shared.join("formats").join(file), None);
        let first = tread::formats::native::write(&document);
        let again = tread::formats::load(first.as_bytes(), None)
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .document;
        let second = tread::formats::native::write(&again);
        assert!(first == second, "{file}: a second convert differs");
        assert_eq!(
            again.comments.comment_count(),
            document.comments.comment_count(),
            "{file}"
        );
    }
}

#[test]
fn what_tread_writes_as_text_it_reads_back_and_writes_again_the_same() {
    let Some(shared) = shared_folder("what_tread_writes_as_text_it_reads_back") else {
        return;
    };
    let files = EXPECTED.iter().map(|e| e.file).chain(MAIL.iter().copied());
    for file in files {
        let document = load_path(&shared.join("formats").join(file), None);
        let first = tread::formats::text::write(&document);
        let again = tread::formats::load(first.as_bytes(), Some(Format::Text))
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .document;
        let second = tread::formats::text::write(&again);
        if first != second {
            let line = first
                .lines()
                .zip(second.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(first.lines().count().min(second.lines().count()));
            panic!(
                "{file}: a second convert --to text differs from line {}",
                line + 1
            );
        }
        // Every comment is still a comment (stubs are not written).
        assert_eq!(
            again.comments.comment_count(),
            document.comments.comment_count(),
            "{file}"
        );
    }
}

#[test]
fn reddit_raw_json_bodies_keep_their_structure() {
    let Some(shared) = shared_folder("reddit_raw_json_bodies_keep_their_structure") else {
        return;
    };
    let document = load_path(
        &shared.join("formats/reddit/praw_3hahrw_sort_old_2017.json"),
        None,
    );
    let id = document.comments.find_by_key("t1_cu5tazd").unwrap();
    let kinds: Vec<BlockKind> = document
        .comments
        .get(id)
        .body
        .iter()
        .map(|b| b.kind)
        .collect();
    use BlockKind::{Paragraph, Quote};
    assert_eq!(
        kinds,
        [
            Paragraph, Quote, Paragraph, Quote, Paragraph, Quote, Paragraph
        ]
    );
    let links: usize = document
        .comments
        .iter()
        .flat_map(|(_, c)| c.body.iter().map(|b| b.all_links().len()))
        .sum();
    assert_eq!(links, 64);
}

#[test]
fn hard_wrapped_mail_is_reflowed_and_lists_of_addresses_are_not() {
    let Some(shared) =
        shared_folder("hard_wrapped_mail_is_reflowed_and_lists_of_addresses_are_not")
    else {
        return;
    };
    let document = load_path(
        &shared.join("formats/mbox/pipermail_r-devel_2010-March.txt"),
        None,
    );
    let texts: Vec<&str> = document.article.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts[1].lines().count(), 2, "{}", texts[1]);
    assert!(texts[2].starts_with("The MinGW-w64 snapshots have moved back"));
    assert!(!texts[2].contains('\n'), "{}", texts[2]);
    assert!(texts.last().unwrap().starts_with("--\nBrian D. Ripley"));
}

#[test]
fn an_image_only_post_shows_its_image() {
    let Some(shared) = shared_folder("an_image_only_post_shows_its_image") else {
        return;
    };
    let document = load_path(
        &shared.join("formats/discourse/discourse_t_2108_452_topic_view.json"),
        None,
    );
    let id = document.comments.find_by_key("436").unwrap();
    let body = &document.comments.get(id).body;
    assert_eq!(body.len(), 1);
    assert_eq!(
        body[0].text,
        "[image: #russianwoman #russia #russian #russiatoday]"
    );
    assert!(
        body[0].links()[0]
            .url
            .starts_with("https://www.tiktok.com/")
    );
}

#[test]
fn discourse_posts_newest_first_thread_as_they_do_oldest_first() {
    let Some(shared) = shared_folder("discourse_posts_newest_first_thread_as_they_do_oldest_first")
    else {
        return;
    };
    let tree = |file: &str| {
        let document = load_path(&shared.join("formats/discourse").join(file), None);
        let rows: Vec<(String, u32, Option<String>)> = document
            .comments
            .iter()
            .map(|(_, c)| {
                let parent = c.parent.map(|p| document.comments.get(p).key.to_string());
                (c.key.to_string(), c.depth, parent)
            })
            .collect();
        (document.article.len(), rows)
    };
    let descending = tree("xertrov_t_2144_posts_pn21_descending.json");
    let ascending = tree("discourse_t_2144_posts_endpoint.json");
    // The endpoint file holds post 1 and one post the other lacks.
    let (article, rows) = ascending;
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|(key, _, _)| descending.1.iter().any(|(k, _, _)| k == key))
        .collect();
    assert_eq!(descending.0, article);
    assert_eq!(descending.1, rows);
    // 4 -> 15 -> 18 -> 19 -> 20.
    let depth_of = |key: &str| descending.1.iter().find(|(k, _, _)| k == key).unwrap().1;
    assert_eq!(depth_of("20"), 4);
}

#[test]
fn shared_sample_loads_with_its_structure() {
    let Some(shared) = shared_folder("shared_sample_loads_with_its_structure") else {
        return;
    };
    let document = load_path(&shared.join("samples/japan-russia-peace-treaty.txt"), None);
    assert_eq!(document.title, "Toward a Japan-Russia peace treaty");
    assert_eq!(document.article.len(), 14);
    assert!(
        document
            .article
            .iter()
            .all(|b| b.kind == BlockKind::Paragraph)
    );
    let authors: Vec<(u32, &str)> = document
        .comments
        .iter()
        .map(|(_, c)| (c.depth, c.author.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(authors, [(0, "topolcats"), (1, "Kelly farrel")]);
    let first = document.comments.get(document.comments.roots()[0]);
    assert_eq!(first.body.len(), 3);
    assert_eq!(first.body[0].text.matches('\n').count(), 2);
    assert!(first.body[0].text.starts_with("I think it is clear"));
    // The sample reads back to the same bytes through native JSON.
    let first_json = tread::formats::native::write(&document);
    let reread = tread::formats::load(first_json.as_bytes(), None)
        .unwrap()
        .document;
    assert_eq!(first_json, tread::formats::native::write(&reread));
}
