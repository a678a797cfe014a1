//! Conformance: users, passwords, sessions, sign-in links and settings,
//! the same on every backend.

use callqa_store::*;

fn user(name: &str, role: Role, operator: Option<&str>, queues: &[&str]) -> User {
    User {
        name: name.into(),
        role,
        operator: operator.map(str::to_string),
        queues: queues.iter().map(|q| q.to_string()).collect(),
        created_at: "2026-03-02T00:00:00Z".into(),
        has_password: false,
    }
}

pub fn users_have_roles_and_argon2_passwords(s: &dyn Store) {
    let anna = user("anna", Role::Operator, Some("op-1"), &[]);
    let boss = user("boss", Role::Supervisor, None, &["sales", "vip"]);
    s.create_user(&boss).unwrap();
    s.create_user(&anna).unwrap();
    let err = s.create_user(&anna).unwrap_err().to_string();
    assert_eq!(err, "a user named \"anna\" already exists");
    let err = s
        .create_user(&user("a b", Role::Admin, None, &[]))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("bad user name \"a b\""), "{err}");
    assert_eq!(s.list_users().unwrap(), vec![anna.clone(), boss.clone()]);
    assert_eq!(s.get_user("anna").unwrap(), Some(anna.clone()));
    assert_eq!(s.get_user("nobody").unwrap(), None);
    assert_eq!(s.password_of("anna").unwrap(), None);

    let phc = hash_password("s3cret пароль").unwrap();
    assert!(s.set_password("anna", &phc).unwrap());
    assert!(!s.set_password("nobody", &phc).unwrap());
    let stored = s.password_of("anna").unwrap().unwrap();
    assert!(verify_password("s3cret пароль", &stored));
    assert!(!verify_password("s3cret", &stored));
    assert!(s.get_user("anna").unwrap().unwrap().has_password);
    // The principal has the user's rights, like a token of that role.
    let p = s.get_user("boss").unwrap().unwrap().principal();
    assert_eq!(
        (p.name.as_str(), p.role, p.queues),
        ("boss", Role::Supervisor, vec!["sales".into(), "vip".into()])
    );
}

pub fn sessions_expire_and_end(s: &dyn Store) {
    s.create_user(&user("anna", Role::Operator, Some("op-1"), &[]))
        .unwrap();
    let cookie = new_secret().unwrap();
    assert_eq!(cookie.len(), 64);
    assert_ne!(cookie, new_secret().unwrap());
    let hash = hash_token(&cookie);
    s.create_session(&hash, "anna", 1_000, 1_000 + SESSION_SECS)
        .unwrap();
    let u = s.session_user(&hash, 1_001).unwrap().unwrap();
    assert_eq!(u.operator.as_deref(), Some("op-1"));
    assert_eq!(
        s.session_user(&cookie, 1_001).unwrap(),
        None,
        "only the hash opens"
    );
    assert_eq!(
        s.session_user(&hash, 1_000 + SESSION_SECS).unwrap(),
        None,
        "expired"
    );
    // A new password ends every session of the user.
    let other = hash_token("other");
    s.create_session(&other, "anna", 1_000, 9_999_999).unwrap();
    s.set_password("anna", &hash_password("x").unwrap())
        .unwrap();
    assert_eq!(s.session_user(&other, 1_001).unwrap(), None);
    // Sign-out.
    s.create_session(&other, "anna", 1_000, 9_999_999).unwrap();
    assert!(s.delete_session(&other).unwrap());
    assert!(!s.delete_session(&other).unwrap());
    assert_eq!(s.session_user(&other, 1_001).unwrap(), None);
    // Expired sessions are dropped when a new one is made.
    s.create_session(&hash_token("old"), "anna", 1_000, 1_500)
        .unwrap();
    s.create_session(&hash_token("new"), "anna", 2_000, 9_000)
        .unwrap();
    assert_eq!(s.session_user(&hash_token("old"), 0).unwrap(), None);
}

pub fn sign_in_links_are_used_once_within_ten_minutes(s: &dyn Store) {
    s.create_user(&user("boss", Role::Supervisor, None, &["sales"]))
        .unwrap();
    let (a, b, c) = (hash_token("a"), hash_token("b"), hash_token("c"));
    s.create_login_link(&a, "boss", 100, 100 + LINK_SECS, true)
        .unwrap();
    s.create_login_link(&b, "boss", 100, 100 + LINK_SECS, true)
        .unwrap();
    s.create_login_link(&c, "boss", 100, 100 + LINK_SECS, false)
        .unwrap();
    assert_eq!(s.use_login_link(&hash_token("zz"), 101).unwrap(), None);
    let u = s.use_login_link(&a, 101).unwrap().unwrap();
    assert_eq!((u.name.as_str(), u.queues), ("boss", vec!["sales".into()]));
    assert_eq!(s.use_login_link(&a, 102).unwrap(), None, "used once");
    assert_eq!(
        s.use_login_link(&b, 100 + LINK_SECS).unwrap(),
        None,
        "expired after ten minutes"
    );
    assert_eq!(s.use_login_link(&b, 101).unwrap(), None, "and gone");
    // A reusable (demo) link works until it expires.
    for t in [101, 102, 103] {
        assert!(s.use_login_link(&c, t).unwrap().is_some());
    }
    assert_eq!(s.use_login_link(&c, 100 + LINK_SECS).unwrap(), None);
}

pub fn settings_are_replaced(s: &dyn Store) {
    assert_eq!(s.setting(BASE_URL_SETTING).unwrap(), None);
    s.set_setting(BASE_URL_SETTING, "http://127.0.0.1:8080")
        .unwrap();
    s.set_setting(BASE_URL_SETTING, "https://qa.example")
        .unwrap();
    assert_eq!(
        s.setting(BASE_URL_SETTING).unwrap().as_deref(),
        Some("https://qa.example")
    );
}
