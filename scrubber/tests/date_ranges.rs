//! Ranges of days and of times of day tied to a date are generalised as a whole: nothing
//! finer than the month survives.

use scrubber::Scrubber;

fn scrub(text: &str) -> String {
    Scrubber::new().scrub(text, &[]).text
}

#[test]
fn a_time_range_ending_at_a_date_goes_with_it() {
    assert_eq!(
        scrub("Between 06:52 UTC and 20:10 UTC on 20 May 2021, a subset of customers saw errors."),
        "In May 2021, a subset of customers saw errors."
    );
    assert_eq!(
        scrub("From 09:00 to 11:30 on 3 March 2024 the site was down."),
        "In March 2024 the site was down."
    );
    assert_eq!(
        scrub("The outage lasted 09:00 – 10:00 on 4 May 2023."),
        "The outage lasted May 2023."
    );
}

#[test]
fn a_range_of_days_becomes_the_month() {
    assert_eq!(scrub("Date: January 14-19, 2026."), "Date: January 2026.");
    assert_eq!(scrub("It ran 14–19 January 2026."), "It ran January 2026.");
    assert_eq!(
        scrub("We saw it on March 3 to 5, 2024."),
        "We saw it in March 2024."
    );
}

#[test]
fn times_and_ranges_without_a_date_are_kept() {
    // Not tied to a date: a maintenance window and a version stay as written.
    for text in [
        "The window is 10:00-12:00 every day.",
        "Upgrade 1.2-3 to 1.4 before release.",
    ] {
        assert_eq!(scrub(text), text);
    }
}
