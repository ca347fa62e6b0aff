//! Tests of `comments`.

use super::*;

fn comment(key: &str, parent: Option<usize>) -> NewComment {
    NewComment {
        key: key.into(),
        parent,
        ..NewComment::default()
    }
}

/// a
/// ├ b
/// │ └ c
/// └ d
/// e
fn sample() -> Comments {
    let mut builder = CommentTreeBuilder::new();
    // Pushed out of preorder on purpose: d before c.
    let a = builder.push(comment("a", None));
    let b = builder.push(comment("b", Some(a)));
    builder.push(comment("d", Some(a)));
    builder.push(comment("e", None));
    builder.push(comment("c", Some(b)));
    builder.build().unwrap()
}

fn keys(comments: &Comments) -> Vec<&str> {
    comments.iter().map(|(_, c)| c.key.as_str()).collect()
}

fn id_of(comments: &Comments, key: &str) -> CommentId {
    comments.find_by_key(key).unwrap()
}

#[test]
fn builder_orders_comments_in_preorder() {
    let comments = sample();
    assert_eq!(keys(&comments), ["a", "b", "c", "d", "e"]);
    let depths: Vec<u32> = comments.iter().map(|(_, c)| c.depth).collect();
    assert_eq!(depths, [0, 1, 2, 1, 0]);
    assert_eq!(comments.max_depth(), 2);
}

#[test]
fn subtree_and_descendants() {
    let comments = sample();
    let a = id_of(&comments, "a");
    assert_eq!(comments.subtree(a), 0..4);
    assert_eq!(comments.descendant_count(a), 3);
    assert_eq!(comments.descendant_count(id_of(&comments, "e")), 0);
}

#[test]
fn siblings_parents_and_roots() {
    let comments = sample();
    let [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map(|k| id_of(&comments, k));
    assert_eq!(comments.roots(), [a, e]);
    assert_eq!(comments.next_sibling(a), Some(e));
    assert_eq!(comments.next_sibling(b), Some(d));
    assert_eq!(comments.next_sibling(c), None);
    assert_eq!(comments.next_sibling(d), None);
    assert_eq!(comments.previous_sibling(d), Some(b));
    assert_eq!(comments.previous_sibling(e), Some(a));
    assert_eq!(comments.previous_sibling(a), None);
    assert_eq!(comments.ancestors(c).collect::<Vec<_>>(), [b, a]);
    assert_eq!(comments.thread_root(c), a);
    assert_eq!(comments.thread_root(e), e);
    assert_eq!(comments.replies(a).collect::<Vec<_>>(), [b, d]);
    assert_eq!(comments.first_reply(a), Some(b));
    assert_eq!(comments.first_reply(c), None);
}

#[test]
fn missing_parent_and_cycles_are_errors() {
    let mut builder = CommentTreeBuilder::new();
    builder.push(comment("x", Some(7)));
    assert_eq!(
        builder.build(),
        Err(TreeError::MissingParent {
            child: 0,
            parent: 7
        })
    );

    let mut builder = CommentTreeBuilder::new();
    builder.push(comment("x", Some(1)));
    builder.push(comment("y", Some(0)));
    assert!(matches!(builder.build(), Err(TreeError::Cycle(_))));
}

#[test]
fn a_100000_deep_chain_builds_walks_and_drops() {
    let depth = 100_000;
    let mut builder = CommentTreeBuilder::with_capacity(depth);
    for i in 0..depth {
        builder.push(comment(&i.to_string(), i.checked_sub(1)));
    }
    let comments = builder.build().unwrap();
    assert_eq!(comments.max_depth() as usize, depth - 1);
    let last = CommentId(depth as u32 - 1);
    assert_eq!(comments.ancestors(last).count(), depth - 1);
    assert_eq!(comments.descendant_count(CommentId(0)), depth - 1);
    drop(comments);
}

#[test]
fn stubs_are_counted_apart_from_the_replies_they_sit_among() {
    let mut builder = CommentTreeBuilder::default();
    let root = builder.push(comment("a", None));
    let reply = builder.push(comment("b", Some(root)));
    builder.push(NewComment {
        more: Some(MoreReplies(Some(7))),
        ..comment("more_b", Some(reply))
    });
    builder.push(NewComment {
        more: Some(MoreReplies(None)),
        ..comment("more_a", Some(root))
    });
    builder.push(comment("c", None));
    let comments = builder.build().unwrap();
    assert_eq!(comments.comment_count(), 3);
    assert_eq!(comments.stubs(), (2, 7));
    assert_eq!(comments.replies_under(id_of(&comments, "a")), 1);
    assert_eq!(comments.replies_under(id_of(&comments, "b")), 0);
    assert_eq!(comments.replies_under(id_of(&comments, "more_b")), 0);
    assert_eq!(comments.descendant_count(id_of(&comments, "a")), 3);
}

/// The comments of `sample()` pushed in preorder to a streaming builder and
/// taken in batches of `size`, appended as they come (unless the first
/// `skip` are left out, which the arena would then lack); and the sizes.
fn streamed_in_batches(size: usize, skip: usize) -> (Comments, Vec<usize>) {
    let mut builder = CommentTreeBuilder::streaming(skip);
    let mut comments = Comments::default();
    let mut sizes = Vec::new();
    let pushes = [
        ("a", None),
        ("b", Some(0)),
        ("c", Some(1)),
        ("d", Some(0)),
        ("e", None),
    ];
    for (index, (key, parent)) in pushes.into_iter().enumerate() {
        builder.push(comment(key, parent));
        if (index + 1) % size == 0 {
            let batch = builder.take_streamed().unwrap();
            sizes.push(batch.len());
            if skip == 0 {
                comments.append(batch).unwrap();
            }
        }
    }
    let last = builder.take_streamed().unwrap();
    sizes.push(last.len());
    if skip == 0 {
        comments.append(last).unwrap();
    }
    comments.finish();
    (comments, sizes)
}

#[test]
fn comments_appended_in_batches_make_the_tree_built_whole() {
    let whole = sample();
    for size in 1..=5 {
        let (streamed, _) = streamed_in_batches(size, 0);
        assert_eq!(streamed, whole, "batches of {size}");
    }
}

#[test]
fn while_comments_arrive_the_open_subtrees_reach_the_end_so_far() {
    let mut builder = CommentTreeBuilder::streaming(0);
    let mut comments = Comments::default();
    builder.push(comment("a", None));
    builder.push(comment("b", Some(0)));
    comments.append(builder.take_streamed().unwrap()).unwrap();
    let a = CommentId(0);
    assert_eq!(comments.replies_under(a), 1);
    builder.push(comment("c", Some(1)));
    builder.push(comment("d", Some(0)));
    comments.append(builder.take_streamed().unwrap()).unwrap();
    assert_eq!(comments.replies_under(a), 3);
    assert_eq!(comments.get(CommentId(1)).subtree_len, 2, "b is complete");
    assert_eq!(comments.get(CommentId(3)).depth, 1);
}

#[test]
fn a_streaming_builder_skips_what_the_reader_has_and_stops_out_of_preorder() {
    let (_, sizes) = streamed_in_batches(2, 3);
    // Five comments, the first three already shown: two handed out.
    assert_eq!(sizes.iter().sum::<usize>(), 2);
    let mut builder = CommentTreeBuilder::streaming(0);
    builder.push(comment("a", None));
    builder.push(comment("b", Some(0)));
    builder.push(comment("e", None));
    // A reply to `b` after the next top-level comment: not preorder.
    builder.push(comment("late", Some(1)));
    assert_eq!(builder.take_streamed(), Err(NotPreorder(3)));
    let mut comments = Comments::default();
    let mut out_of_order = sample_comments_out_of_order();
    let last = out_of_order.pop().unwrap();
    comments.append(out_of_order).unwrap();
    assert_eq!(comments.append(vec![last]), Err(NotPreorder(3)));
}

/// Arena comments a, b (under a), e, then one more under a: out of preorder.
fn sample_comments_out_of_order() -> Vec<Comment> {
    let mut builder = CommentTreeBuilder::streaming(0);
    builder.push(comment("a", None));
    builder.push(comment("b", Some(0)));
    builder.push(comment("e", None));
    let mut batch = builder.take_streamed().unwrap();
    let mut late = batch[1].clone();
    late.key = "late".into();
    batch.push(late);
    batch
}

#[test]
fn the_last_comment_taken_back_comes_again_with_the_rest() {
    let whole = sample();
    let items: Vec<Comment> = whole.iter().map(|(_, c)| c.clone()).collect();
    let mut growing = Comments::default();
    growing.append(items[..4].to_vec()).unwrap();
    growing.drop_last();
    assert_eq!(growing.len(), 3);
    assert_eq!(growing.replies_under(CommentId(0)), 2, "a's subtree shrank");
    growing.append(items[3..].to_vec()).unwrap();
    growing.finish();
    assert_eq!(growing, whole);
}

#[test]
fn a_shown_start_is_a_shape_prefix_of_the_whole() {
    let whole = sample();
    let (start, _) = {
        let mut builder = CommentTreeBuilder::streaming(0);
        let mut comments = Comments::default();
        builder.push(comment("a", None));
        builder.push(comment("b", Some(0)));
        comments.append(builder.take_streamed().unwrap()).unwrap();
        (comments, ())
    };
    assert!(start.is_shape_prefix_of(&whole));
    assert!(!whole.is_shape_prefix_of(&start));
    let mut other = CommentTreeBuilder::new();
    other.push(comment("x", None));
    other.push(comment("y", None));
    assert!(!start.is_shape_prefix_of(&other.build().unwrap()));
}
