//! `backstory check --stale AGE`: the dated facts of a dataset older than AGE, each with its JSON path.
//!
//! A fact is a company's `as_of`, a source's `as_of` or a profile section's `as_of` (issue 19:
//! "every fact has `as_of` and a source"). Dates compare as calendar days; AGE is counted back from
//! `today` in whole months or years ("12m", "18m", "2y") or days ("90d"), so a fact dated exactly
//! at the limit is not yet stale.

use crate::dataset::Dataset;

/// One dated fact older than the limit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaleFact {
    /// JSON path of the date: `$.companies[3].profile[1].as_of`.
    pub path: String,
    /// The company the fact is about.
    pub company: String,
    pub as_of: String,
}

/// How far back facts may date: a count of days, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Days(u32),
    Months(u32),
    Years(u32),
}

impl Age {
    /// Parses "12m", "18m", "2y" or "90d".
    ///
    /// # Errors
    /// Says what a valid age looks like.
    pub fn parse(text: &str) -> Result<Age, String> {
        let text = text.trim();
        let bad = || format!("{text:?} is not an age such as 12m, 18m, 2y or 90d");
        let unit = text.chars().last().ok_or_else(bad)?;
        let n: u32 = text[..text.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
        if n == 0 {
            return Err(bad());
        }
        match unit {
            'd' => Ok(Age::Days(n)),
            'm' => Ok(Age::Months(n)),
            'y' => Ok(Age::Years(n)),
            _ => Err(bad()),
        }
    }
}

/// A calendar day, as the dataset writes it.
type Day = (i64, u32, u32);

/// Parses `YYYY-MM-DD`; `None` for anything else (`check` reports bad dates on their own).
pub fn parse_day(text: &str) -> Option<Day> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let day = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    (matches!(day.1, 1..=12) && day.2 >= 1 && day.2 <= days_in_month(day.0, day.1)).then_some(day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
fn day_number((y, m, d): Day) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The oldest day that is not stale: `today` less `age`. A month back from 31 March is the last
/// day of February.
///
/// # Examples
/// ```
/// use backstory::cli::stale::{cutoff, Age};
/// assert_eq!(cutoff("2026-12-06", Age::Months(12)).as_deref(), Some("2025-12-06"));
/// assert_eq!(cutoff("2026-03-31", Age::Months(1)).as_deref(), Some("2026-02-28"));
/// assert_eq!(cutoff("2026-12-06", Age::Years(2)).as_deref(), Some("2024-12-06"));
/// assert_eq!(cutoff("2026-01-10", Age::Days(10)).as_deref(), Some("2025-12-31"));
/// ```
pub fn cutoff(today: &str, age: Age) -> Option<String> {
    let (y, m, d) = parse_day(today)?;
    let back_months = |n: u32| {
        let total = y * 12 + i64::from(m) - 1 - i64::from(n);
        let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
        (year, month, d.min(days_in_month(year, month)))
    };
    let (y, m, d) = match age {
        Age::Months(n) => back_months(n),
        Age::Years(n) => back_months(n.saturating_mul(12)),
        Age::Days(n) => {
            let target = day_number((y, m, d)) - i64::from(n);
            // Walk from the year's start: simple and exact for the dates a dataset holds.
            let mut year = 1970 + target.div_euclid(366) - 1;
            while day_number((year + 1, 1, 1)) <= target {
                year += 1;
            }
            let mut month = 1;
            while month < 12 && day_number((year, month + 1, 1)) <= target {
                month += 1;
            }
            (year, month, (target - day_number((year, month, 1)) + 1) as u32)
        }
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Every dated fact before `cutoff` (a `YYYY-MM-DD` day), in dataset order. Dates that do not
/// parse are left to `check`'s own errors.
pub fn stale_facts(d: &Dataset, cutoff: &str) -> Vec<StaleFact> {
    let Some(limit) = parse_day(cutoff).map(day_number) else { return Vec::new() };
    let old = |day: &str| parse_day(day).is_some_and(|x| day_number(x) < limit);
    let mut out = Vec::new();
    for (i, c) in d.companies.iter().enumerate() {
        let mut push = |path: String, day: &str| {
            if old(day) {
                out.push(StaleFact { path, company: c.id.clone(), as_of: day.to_string() });
            }
        };
        push(format!("$.companies[{i}].as_of"), &c.as_of);
        for (j, p) in c.profile.iter().enumerate() {
            if let Some(day) = &p.as_of {
                push(format!("$.companies[{i}].profile[{j}].as_of"), day);
            }
        }
        for (j, s) in c.sources.iter().enumerate() {
            if let Some(day) = &s.as_of {
                push(format!("$.companies[{i}].sources[{j}].as_of"), day);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_parse_or_say_why_not() {
        assert_eq!(Age::parse("12m"), Ok(Age::Months(12)));
        assert_eq!(Age::parse("18m"), Ok(Age::Months(18)));
        assert_eq!(Age::parse("2y"), Ok(Age::Years(2)));
        assert_eq!(Age::parse("90d"), Ok(Age::Days(90)));
        for bad in ["", "m", "12", "0m", "-1m", "12w", "1.5y", "12 m"] {
            assert!(Age::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_count_across_months_years_and_leap_days() {
        assert_eq!(day_number((1970, 1, 1)), 0);
        assert_eq!(day_number((2000, 3, 1)) - day_number((2000, 2, 28)), 2);
        assert_eq!(cutoff("2024-03-01", Age::Days(1)).as_deref(), Some("2024-02-29"));
        assert_eq!(cutoff("2024-02-29", Age::Years(1)).as_deref(), Some("2023-02-28"));
        assert_eq!(cutoff("2026-01-15", Age::Months(13)).as_deref(), Some("2024-12-15"));
        assert_eq!(cutoff("2026-02-30", Age::Months(1)), None);
    }
}
