//! Which records belong to one call: a union-find over string keys
//! (uniqueids, linkedids, channel names). Shared by the CDR, CEL and AMI
//! importers, whose rows of one call are linked by different keys.

use std::collections::HashMap;

#[derive(Debug, Default)]
pub(crate) struct Groups {
    parent: HashMap<String, String>,
}

impl Groups {
    /// The representative of `x`'s group (`x` itself when alone).
    pub(crate) fn find(&mut self, x: &str) -> String {
        let mut cur = x.to_string();
        // Paths are compressed on every lookup, so they stay short; the
        // bound only guards against a cycle.
        for _ in 0..10_000 {
            match self.parent.get(&cur) {
                Some(n) if *n != cur => cur = n.clone(),
                _ => break,
            }
        }
        self.parent.insert(x.to_string(), cur.clone());
        cur
    }

    /// Joins the groups of `a` and `b`; `keep_first(ra, rb)` says whether
    /// `a`'s representative stays the representative of the union.
    pub(crate) fn union(&mut self, a: &str, b: &str, keep_first: impl Fn(&str, &str) -> bool) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (root, child) = if keep_first(&ra, &rb) {
                (ra, rb)
            } else {
                (rb, ra)
            };
            self.parent.insert(child, root);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Groups;

    #[test]
    fn joins_chains_and_keeps_the_chosen_root() {
        let mut g = Groups::default();
        g.union("a", "b", |_, _| true);
        g.union("c", "b", |_, _| false);
        assert_eq!(g.find("c"), "a");
        assert_eq!(g.find("x"), "x");
        g.union("x", "c", |x, y| x < y);
        assert_eq!(g.find("x"), "a");
    }
}
