//! Shared rules of the list screens. Totals are counted up to a cap: an exact count of a few
//! hundred thousand matching rows costs more than the page itself, and "10,000+" tells the
//! user as much as the exact number would (narrow the filter).

/// Counts stop here; the list then says "10,000+".
pub const COUNT_CAP: i64 = 10_000;

/// `(total, capped)` from what the capped count returned.
pub fn total(counted: i64) -> (i64, bool) {
    if counted > COUNT_CAP { (COUNT_CAP, true) } else { (counted, false) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_past_the_cap_say_so() {
        assert_eq!(total(37), (37, false));
        assert_eq!(total(COUNT_CAP), (COUNT_CAP, false));
        assert_eq!(total(COUNT_CAP + 1), (COUNT_CAP, true));
    }
}
