//! Shared by the scale tests and the example: real audits of generated
//! calls (`callqa_testkit::call` audited by the built-in standard).

use callqa_model::CallAudit;

/// `n` audits: `distinct` generated calls are audited for real, then
/// repeated under new ids (as many distinct ones as a debug test can
/// afford; the page's size depends on the worst calls kept, not on how
/// varied the rest are).
pub fn audits(n: usize, distinct: usize) -> Vec<CallAudit> {
    let std = callqa_standard::builtin();
    let real: Vec<CallAudit> = (0..distinct as u64)
        .map(|seed| std.audit_call(&callqa_testkit::call(seed)))
        .collect();
    (0..n)
        .map(|i| {
            let mut a = real[i % real.len()].clone();
            a.call = format!("{}-{i:06}", a.call);
            a
        })
        .collect()
}
