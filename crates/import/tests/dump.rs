mod util;
#[test]
#[ignore]
fn dump() {
    let p = std::env::var("DUMP").unwrap();
    let o = util::opts(&std::env::var("MAP").unwrap_or_default());
    let out = util::run(&[p.into()], &[], &o);
    for c in &out.calls { println!("{}", serde_json::to_string(c).unwrap()); }
    for p in &out.problems { println!("{p}"); }
}
