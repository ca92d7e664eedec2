//! Regression gate on the labelled evaluation set (`eval/cases.jsonl`, see `eval/README.md`).
//! Fails when recall or the keep rate falls below the targets of issue 3.
#![allow(clippy::unwrap_used)]

use scrubber::eval::{evaluate, load_cases, STRUCTURED};
use scrubber::Scrubber;

#[test]
fn eval_set_meets_targets() {
    let src =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/cases.jsonl")).unwrap();
    let cases = load_cases(&src).unwrap();
    assert!(cases.len() >= 400, "only {} cases", cases.len());
    let rep = evaluate(&Scrubber::new(), &cases);
    let report = rep.render(40);
    let mut failures = Vec::new();
    for k in STRUCTURED {
        let r = rep.recall_of(&[k]);
        if r < 0.99 {
            failures.push(format!("{k} recall {r:.3} < 0.99"));
        }
    }
    for (k, target) in [
        ("person", 0.95),
        ("org", 0.95),
        ("person (declared)", 1.0),
        ("org (declared)", 1.0),
    ] {
        let r = rep.recall_of(&[k]);
        if r < target {
            failures.push(format!("{k} recall {r:.3} < {target}"));
        }
    }
    if rep.keep_rate() < 0.99 {
        failures.push(format!("keep rate {:.4} < 0.99", rep.keep_rate()));
    }
    // every other labelled kind (dates, ids, aircraft…) at least 0.95
    for (k, v) in &rep.kinds {
        if v.recall() < 0.95 {
            failures.push(format!("{k} recall {:.3} < 0.95", v.recall()));
        }
    }
    assert!(failures.is_empty(), "{failures:?}\n\n{report}");
}

/// The held-out sets (`eval/holdout*.jsonl`, written by people who never saw the rules) are
/// measured, not tuned to targets; these floors sit just under the figures recorded in
/// docs/benchmarks/scrubber.md so that a change that loses names on unseen text fails here.
#[test]
fn held_out_sets_keep_their_floors() {
    let floors: [(&str, f64, f64, f64); 19] = [
        // (file, person, org, structured kinds), rules 2026.12.12; keep rate 0.99 but where noted
        ("holdout2.jsonl", 0.96, 0.96, 0.98),
        ("holdout3.jsonl", 0.95, 0.96, 0.99),
        ("holdout4.jsonl", 0.97, 0.93, 0.99),
        ("holdout5.jsonl", 0.96, 0.94, 0.98),
        ("holdout6.jsonl", 0.97, 0.93, 0.99),
        ("holdout7.jsonl", 0.97, 0.91, 0.97),
        ("holdout8.jsonl", 0.97, 0.96, 0.98),
        // run once blind at 596f425 (person 0.932, org 0.763, structured 0.915), then read
        ("holdout9.jsonl", 0.95, 0.89, 0.95),
        // run once blind at 69612d2 (person 0.928, org 0.756, structured 0.918), then read
        ("holdout10.jsonl", 0.95, 0.86, 0.93),
        // run once blind at 184e65a (person 0.804 as labelled, 0.867 with titles taken out of
        // the labels; org 0.842, structured 0.970), then read
        ("holdout11.jsonl", 0.95, 0.91, 0.97),
        // run once blind at 6a507b3 (person 0.894, org 0.778 with declared names 27/29,
        // structured 0.964, keep 0.9856), then read
        ("holdout12.jsonl", 0.95, 0.86, 0.98),
        // run once blind at ee54720, rules 2026.12.5 (person 0.900, org 0.840 with declared
        // names 9/10, structured 0.949, keep 0.9875), then read
        ("holdout13.jsonl", 0.94, 0.93, 0.97),
        // run once blind at 0c2794b, rules 2026.12.6 and this session's first changes (person
        // 0.958, org 0.833 with declared names 42/42, structured 0.982, keep 0.9957), then read
        ("holdout14.jsonl", 0.98, 0.95, 0.99),
        // run once blind at c03b72c, rules 2026.12.7 before reading it (person 0.945, org 0.803
        // with declared names 36/36, structured 0.978, keep 0.9919), then read
        ("holdout15.jsonl", 0.96, 0.89, 0.97),
        // run once blind at fc1ea67, rules 2026.12.8 before reading it (person 0.942, org 0.780
        // with declared names 44/44, structured 0.946, keep 0.9806), then read; keep rate 0.98
        ("holdout16.jsonl", 0.95, 0.83, 0.97),
        // run once blind at 442f4e9, rules 2026.12.8 and this session's first changes (person
        // 0.929, org 0.724 with declared names 33/35, structured 0.942, keep 0.9860), then
        // read; keep rate 0.98
        ("holdout17.jsonl", 0.96, 0.83, 0.97),
        // run once blind at b1152e3, rules 2026.12.10 before reading it (person 0.947, org
        // 0.860 with declared names 25/25, structured 0.979, keep 0.9865; the session-start
        // rules scored the same but for two dates), then read; keep rate 0.98
        ("holdout18.jsonl", 0.97, 0.95, 0.98),
        // run once blind at f10118c, rules 2026.12.10 (person 0.962, org 0.824 with declared
        // names 36/36, structured 0.964, keep 0.9865), then read; keep rate 0.98
        ("holdout19.jsonl", 0.97, 0.90, 0.97),
        // run once blind at 7cb43c1, rules 2026.12.11 and this session's first changes (person
        // 0.970, org 0.808 with declared names 30/30, structured 0.967, keep 0.9985), then read
        ("holdout20.jsonl", 0.97, 0.88, 0.99),
    ];

    let scrubber = Scrubber::new();
    let mut failures = Vec::new();
    for (file, person, org, structured) in floors {
        let path = format!("{}/eval/{file}", env!("CARGO_MANIFEST_DIR"));
        let cases = load_cases(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(cases.len() >= 150, "{file}: {} cases", cases.len());
        let rep = evaluate(&scrubber, &cases);
        for (what, got, floor) in [
            ("person", rep.recall_of(&["person"]), person),
            ("org", rep.recall_of(&["org"]), org),
            ("structured", rep.recall_of(STRUCTURED), structured),
            (
                "keep rate",
                rep.keep_rate(),
                if matches!(
                    file,
                    "holdout16.jsonl" | "holdout17.jsonl" | "holdout18.jsonl" | "holdout19.jsonl"
                ) {
                    0.98
                } else {
                    0.99
                },
            ),
        ] {
            if got < floor {
                failures.push(format!("{file}: {what} {got:.3} < {floor}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
