//! Threading as JWZ's algorithm does it: every Message-ID a message has or
//! refers to gets a container (a placeholder when the archive lacks that
//! message), and each container's parent is the one its references name
//! last, never making a circle.

use std::collections::HashMap;

use super::{Message, message_ids};

/// The containers of an archive's messages.
pub(super) struct Threads {
    /// Each Message-ID's container.
    pub container_of: HashMap<String, usize>,
    /// The message in each container; None for a placeholder.
    pub message_at: Vec<Option<usize>>,
    pub parent_of: Vec<Option<usize>>,
    /// Each message's own container, in archive order.
    pub own_container: Vec<usize>,
}

impl Threads {
    pub fn of(messages: &[Message]) -> Threads {
        let mut threads = Threads {
            container_of: HashMap::new(),
            message_at: Vec::new(),
            parent_of: Vec::new(),
            own_container: Vec::with_capacity(messages.len()),
        };
        for (index, message) in messages.iter().enumerate() {
            threads.add(index, message);
        }
        threads
    }

    /// Which containers become comments: every message's but the article's,
    /// and each placeholder that holds replies together (one above the
    /// article alone, as when the article answers a message not here, is
    /// not). `order` has parents first.
    pub fn kept(&self, order: &[usize], article: usize) -> Vec<bool> {
        let mut kept: Vec<bool> = (0..self.message_at.len())
            .map(|c| self.message_at[c].is_some() && c != article)
            .collect();
        for &c in order.iter().rev() {
            if kept[c]
                && let Some(p) = self.parent_of[c]
                && p != article
            {
                kept[p] = true;
            }
        }
        kept
    }

    /// The container of `id`, made when it is new.
    fn container(&mut self, id: &str) -> usize {
        if let Some(&c) = self.container_of.get(id) {
            return c;
        }
        self.message_at.push(None);
        self.parent_of.push(None);
        let c = self.message_at.len() - 1;
        self.container_of.insert(id.to_string(), c);
        c
    }

    fn add(&mut self, index: usize, message: &Message) {
        let id = message_ids(message.header("Message-ID"))
            .pop()
            .unwrap_or_else(|| format!("tread-message-{index}"));
        let this = self.container(&id);
        self.own_container.push(this);
        if self.message_at[this].is_some() {
            // The same message twice (an archive that holds a cross-post,
            // or two archives joined): one is kept, as JWZ's algorithm does.
            return;
        }
        self.message_at[this] = Some(index);
        let mut references = message_ids(message.header("References"));
        for id in message_ids(message.header("In-Reply-To")) {
            if !references.contains(&id) {
                references.push(id);
            }
        }
        let chain: Vec<usize> = references.iter().map(|id| self.container(id)).collect();
        let parent_of = &mut self.parent_of;
        for pair in chain.windows(2) {
            if parent_of[pair[1]].is_none()
                && pair[1] != pair[0]
                && !is_ancestor(parent_of, pair[1], pair[0])
            {
                parent_of[pair[1]] = Some(pair[0]);
            }
        }
        if let Some(&last) = chain.last()
            && last != this
            && !is_ancestor(parent_of, this, last)
        {
            parent_of[this] = Some(last);
        }
    }
}

fn is_ancestor(parent_of: &[Option<usize>], candidate: usize, of: usize) -> bool {
    let mut current = Some(of);
    let mut steps = 0;
    while let Some(c) = current {
        if c == candidate {
            return true;
        }
        current = parent_of[c];
        steps += 1;
        if steps > parent_of.len() {
            return true;
        }
    }
    false
}

/// Container indices ordered so that each comes after its parent, keeping
/// creation (archive) order otherwise.
pub(super) fn containers_parents_first(parent_of: &[Option<usize>]) -> Vec<usize> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); parent_of.len()];
    let mut roots = Vec::new();
    for (c, parent) in parent_of.iter().enumerate() {
        match parent {
            Some(p) => children[*p].push(c),
            None => roots.push(c),
        }
    }
    let mut order = Vec::with_capacity(parent_of.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(c) = stack.pop() {
        order.push(c);
        stack.extend(children[c].iter().rev());
    }
    order
}
