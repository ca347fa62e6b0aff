//! Reddit's "load more comments": the replies a `more` stub stands for,
//! fetched from `morechildren` and spliced into the thread's JSON where the
//! stub was, so that the importer reads them as if the thread had held
//! them (and the kept copy holds them next time).

use serde_json::{Value, json};

use super::{ApiBases, Client, NetError};

/// Reddit answers at most this many children a request.
const CHILDREN_PER_REQUEST: usize = 100;

/// `listing` (a thread's `.json`, as fetched) with the replies of the stub
/// named `stub` (`t1_…`) in the stub's place.
pub fn expand_more(
    listing: &[u8],
    stub: &str,
    bases: &ApiBases,
    client: &Client,
) -> Result<Vec<u8>, NetError> {
    let host = super::sites::host(&bases.reddit);
    let broken = |why: &str| NetError::NotJson {
        host: host.clone(),
        got: why.to_string(),
    };
    let mut thread: Value =
        serde_json::from_slice(listing).map_err(|_| broken("a broken thread"))?;
    let link = thread[0]["data"]["children"][0]["data"]["name"]
        .as_str()
        .ok_or_else(|| broken("a thread without its post"))?
        .to_string();
    let (siblings, at) = find_stub(&mut thread, stub).ok_or_else(|| broken("no such stub"))?;
    let children: Vec<String> = siblings[at]["data"]["children"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    let mut things = Vec::new();
    for chunk in children.chunks(CHILDREN_PER_REQUEST) {
        let address = format!(
            "{}/api/morechildren.json?api_type=json&raw_json=1&link_id={link}&children={}",
            bases.reddit,
            chunk.join(",")
        );
        let answer: Value = serde_json::from_slice(&client.get_json(&address, "thread")?)
            .map_err(|_| broken("broken JSON"))?;
        if let Some(Value::Array(batch)) = answer["json"]["data"].get("things").cloned() {
            things.extend(batch);
        }
    }
    let replies = nested(things);
    siblings.splice(at..=at, replies);
    Ok(serde_json::to_vec(&thread).expect("a JSON value serializes"))
}

/// The array holding the stub named `stub`, and where in it, found by an
/// explicit walk (no recursion: a thread may be deep).
fn find_stub<'a>(thread: &'a mut Value, stub: &str) -> Option<(&'a mut Vec<Value>, usize)> {
    // Paths to each children array, as the indices of the things above it.
    let mut stack: Vec<Vec<usize>> = vec![Vec::new()];
    while let Some(path) = stack.pop() {
        let children = children_at(&thread[1], &path)?;
        for (index, child) in children.iter().enumerate() {
            if child["kind"] == "more" && child["data"]["name"] == stub {
                let siblings = children_at_mut(&mut thread[1], &path)?;
                return Some((siblings, index));
            }
            if child["data"]["replies"].is_object() {
                let mut deeper = path.clone();
                deeper.push(index);
                stack.push(deeper);
            }
        }
    }
    None
}

fn children_at<'a>(listing: &'a Value, path: &[usize]) -> Option<&'a Vec<Value>> {
    let mut here = listing;
    for &index in path {
        here = &here["data"]["children"][index]["data"]["replies"];
    }
    here["data"]["children"].as_array()
}

fn children_at_mut<'a>(listing: &'a mut Value, path: &[usize]) -> Option<&'a mut Vec<Value>> {
    let mut here = listing;
    for &index in path {
        here = here
            .get_mut("data")?
            .get_mut("children")?
            .get_mut(index)?
            .get_mut("data")?
            .get_mut("replies")?;
    }
    here.get_mut("data")?.get_mut("children")?.as_array_mut()
}

/// `morechildren`'s flat list (each after its parent) nested as a listing
/// does it: each thing under its parent's `replies`, the ones whose parent
/// is not among them (the stub's parent's) returned in order.
fn nested(mut things: Vec<Value>) -> Vec<Value> {
    let names: Vec<Option<String>> = things
        .iter()
        .map(|t| t["data"]["name"].as_str().map(str::to_string))
        .collect();
    let parent_of: Vec<Option<usize>> = things
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let parent = t["data"]["parent_id"].as_str()?;
            names[..i].iter().position(|n| n.as_deref() == Some(parent))
        })
        .collect();
    let mut top = Vec::new();
    // From the last: a thing's own replies are in it before it moves.
    for index in (0..things.len()).rev() {
        let thing = std::mem::take(&mut things[index]);
        match parent_of[index] {
            Some(parent) => {
                let replies = &mut things[parent]["data"]["replies"];
                if !replies.is_object() {
                    *replies = json!({"kind": "Listing", "data": {"children": []}});
                }
                if let Some(children) = replies["data"]["children"].as_array_mut() {
                    children.insert(0, thing);
                }
            }
            None => top.push(thing),
        }
    }
    top.reverse();
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_list_nests_under_its_parents_in_order() {
        let thing = |name: &str, parent: &str| json!({"kind": "t1", "data": {"name": name, "parent_id": parent, "replies": ""}});
        let top = nested(vec![
            thing("t1_x", "t1_c1"),
            thing("t1_x1", "t1_x"),
            thing("t1_x2", "t1_x"),
            thing("t1_y", "t1_c1"),
        ]);
        assert_eq!(top.len(), 2);
        let under_x = &top[0]["data"]["replies"]["data"]["children"];
        assert_eq!(under_x[0]["data"]["name"], "t1_x1");
        assert_eq!(under_x[1]["data"]["name"], "t1_x2");
        assert_eq!(top[1]["data"]["name"], "t1_y");
    }
}
