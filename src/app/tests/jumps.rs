//! The jump list: Ctrl-o back over several jumps, g o forward again.

use super::*;

#[test]
fn ctrl_o_walks_back_over_several_jumps_and_g_o_forward_again() {
    let mut app = app();
    let mut pending = PendingKeys::default();
    focus_comments(&mut app);
    type_keys(&mut app, &mut pending, "j");
    assert_eq!(selected_author(&app), "b");
    type_keys(&mut app, &mut pending, "G");
    assert_eq!(selected_author(&app), "g");
    search_for(&mut app, "body d");
    assert_eq!(selected_author(&app), "d");
    type_keys(&mut app, &mut pending, "ctrl-o");
    assert_eq!(selected_author(&app), "g");
    type_keys(&mut app, &mut pending, "ctrl-o");
    assert_eq!(selected_author(&app), "b");
    type_keys(&mut app, &mut pending, "ctrl-o");
    assert_eq!(app.message.as_deref(), Some("At the oldest jump"));
    type_keys(&mut app, &mut pending, "g o");
    assert_eq!(selected_author(&app), "g");
    type_keys(&mut app, &mut pending, "g o");
    assert_eq!(selected_author(&app), "d");
    type_keys(&mut app, &mut pending, "g o");
    assert_eq!(app.message.as_deref(), Some("At the newest jump"));
}
