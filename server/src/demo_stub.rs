pub struct DemoReport {
    pub title: String,
    pub industry: &'static str,
    pub occurred_month: String,
    pub published_month: String,
    pub severity: &'static str,
    pub duration_minutes: Option<i32>,
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    pub lessons: String,
    pub action_items: String,
    pub technologies: Vec<String>,
    pub factors: Vec<&'static str>,
    pub patterns: Vec<&'static str>,
}
pub fn generate(count: usize, _seed: u64) -> Vec<DemoReport> {
    (0..count)
        .map(|i| DemoReport {
            title: format!("Demo {i}"),
            industry: "software",
            occurred_month: "2024-01".into(),
            published_month: "2024-02".into(),
            severity: "minor",
            duration_minutes: Some(30),
            narrative: "n".into(),
            impact: "i".into(),
            detection: "d".into(),
            lessons: "l".into(),
            action_items: "a".into(),
            technologies: vec!["PostgreSQL 14".into()],
            factors: vec!["fatigue"],
            patterns: vec!["dns"],
        })
        .collect()
}
