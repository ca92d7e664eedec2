//! Deterministic generator of synthetic incident retrospectives for the demo registry.
//!
//! `registry seed-demo` fills an empty registry with these reports so that a newcomer sees
//! a living registry: search facets with counts, technology and failure-pattern pages with
//! trends, feeds with entries. Nothing here describes a real incident.
//!
//! Every report is assembled from a scenario template (at least three per failure pattern,
//! some specific to an industry: aviation, healthcare, energy, finance, telecom…), an
//! industry context (services, affected people, role words) and generic fragments keyed by
//! the contributing factors. Templates contain `{slot}` placeholders for technologies,
//! versions, durations, percentages and counts, resolved once per report so that a report
//! stays consistent with itself. A slot written with a capital first letter (`{Oncall}`)
//! is capitalised.
//!
//! The text obeys the registry's own anonymity rules: role words instead of people, generic
//! descriptions instead of organisations, and no emails, hostnames, addresses, links or
//! exact dates. The same `(count, seed)` always yields the same reports.

use crate::taxonomy;
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};

/// One synthetic incident retrospective, already coded with the registry's taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    pub title: String,
    /// Slug from [`taxonomy::INDUSTRIES`].
    pub industry: &'static str,
    /// `YYYY-MM`, between 2019-01 and 2026-10.
    pub occurred_month: String,
    /// `YYYY-MM`, zero to three months after `occurred_month`, never after 2026-11.
    pub published_month: String,
    /// Slug from [`taxonomy::SEVERITIES`].
    pub severity: &'static str,
    /// `None` for some near misses; otherwise 5 minutes to 3 days, skewed towards short.
    pub duration_minutes: Option<i32>,
    /// Markdown, 3 to 6 paragraphs.
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    /// Markdown list of 2 to 4 lessons.
    pub lessons: String,
    /// Markdown list of 2 to 4 action items.
    pub action_items: String,
    /// Display names, some with a version ("PostgreSQL 14").
    pub technologies: Vec<String>,
    /// 1 to 3 slugs from [`taxonomy::CONTRIBUTING_FACTORS`].
    pub factors: Vec<&'static str>,
    /// 1 to 2 slugs from [`taxonomy::FAILURE_PATTERNS`].
    pub patterns: Vec<&'static str>,
}

/// First month of the demo period (inclusive), as months since year 0.
const FIRST_MONTH: i32 = 2019 * 12;
/// Last month an incident may have occurred in (2026-10).
const LAST_OCCURRED: i32 = 2026 * 12 + 9;
/// Last month a report may have been published in (2026-11).
const LAST_PUBLISHED: i32 = 2026 * 12 + 10;

// ---------------------------------------------------------------------------------------
// Technologies
// ---------------------------------------------------------------------------------------

/// A technology: display name, the slot category it fills, and versions to pick from
/// (empty when the name is never versioned).
struct Tech {
    name: &'static str,
    category: &'static str,
    versions: &'static [&'static str],
}

const fn tech(
    name: &'static str,
    category: &'static str,
    versions: &'static [&'static str],
) -> Tech {
    Tech {
        name,
        category,
        versions,
    }
}

/// The technology vocabulary of the generator. Category `lit` is only reachable through
/// literal `{t:Name}` slots in industry-specific scenarios.
const TECHS: &[Tech] = &[
    // relational databases
    tech("PostgreSQL", "sql", &["11", "12", "13", "14", "15", "16"]),
    tech("PostgreSQL", "sql", &["13", "14", "15"]),
    tech("MySQL", "sql", &["5.7", "8.0"]),
    tech("MySQL", "sql", &["8.0"]),
    tech("MariaDB", "sql", &["10.5", "10.6", "10.11"]),
    tech("SQL Server", "sql", &["2016", "2019", "2022"]),
    tech("CockroachDB", "sql", &["22.2", "23.1"]),
    // other data stores
    tech("MongoDB", "nosql", &["4.4", "5.0", "6.0"]),
    tech("Cassandra", "nosql", &["3.11", "4.0", "4.1"]),
    tech("DynamoDB", "nosql", &[]),
    tech("Couchbase", "nosql", &["7.1"]),
    // caches
    tech("Redis", "cache", &["5", "6", "7"]),
    tech("Redis", "cache", &["6", "7"]),
    tech("Memcached", "cache", &["1.6"]),
    tech("Hazelcast", "cache", &["5.2"]),
    // queues and streams
    tech("Kafka", "stream", &["2.8", "3.4", "3.6"]),
    tech("Kafka", "stream", &["3.5", "3.7"]),
    tech("Kafka", "stream", &["3.4"]),
    tech("Pulsar", "stream", &["2.11", "3.0"]),
    tech("Redpanda", "stream", &["23.2"]),
    tech("Kafka", "queue", &["3.4", "3.6"]),
    tech("RabbitMQ", "queue", &["3.9", "3.12"]),
    tech("Amazon SQS", "queue", &[]),
    tech("NATS", "queue", &["2.9"]),
    // proxies and load balancers
    tech("nginx", "proxy", &["1.18", "1.22", "1.24"]),
    tech("HAProxy", "proxy", &["2.4", "2.6", "2.8"]),
    tech("Envoy", "proxy", &["1.25", "1.27"]),
    tech("Traefik", "proxy", &["2.9", "2.10"]),
    // service meshes
    tech("Istio", "mesh", &["1.16", "1.18", "1.20"]),
    tech("Linkerd", "mesh", &["2.12", "2.14"]),
    tech("Consul Connect", "mesh", &[]),
    // coordination
    tech("etcd", "coord", &["3.4", "3.5"]),
    tech("ZooKeeper", "coord", &["3.6", "3.8"]),
    tech("Consul", "coord", &["1.14", "1.16"]),
    // orchestration and containers
    tech(
        "Kubernetes",
        "orch",
        &["1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29"],
    ),
    tech("Kubernetes", "orch", &["1.26", "1.27", "1.28"]),
    tech("Amazon ECS", "orch", &[]),
    tech("Nomad", "orch", &["1.5", "1.6"]),
    tech("Docker", "container", &["20.10", "23.0", "24.0"]),
    tech("containerd", "container", &["1.6", "1.7"]),
    tech("Podman", "container", &["4.4"]),
    // cloud compute and storage
    tech("AWS EC2", "compute", &[]),
    tech("AWS EC2", "vm", &[]),
    tech("Google Compute Engine", "vm", &[]),
    tech("Azure Virtual Machines", "vm", &[]),
    tech("AWS Lambda", "compute", &[]),
    tech("Google Compute Engine", "compute", &[]),
    tech("Azure Virtual Machines", "compute", &[]),
    tech("AWS S3", "objstore", &[]),
    tech("Google Cloud Storage", "objstore", &[]),
    tech("Azure Blob Storage", "objstore", &[]),
    tech("MinIO", "objstore", &[]),
    tech("Ceph", "objstore", &["16", "17"]),
    tech("AWS", "cloud", &[]),
    tech("GCP", "cloud", &[]),
    tech("Azure", "cloud", &[]),
    // edge
    tech("Cloudflare", "cdn", &[]),
    tech("Fastly", "cdn", &[]),
    tech("Amazon CloudFront", "cdn", &[]),
    tech("Varnish", "cdn", &["6", "7"]),
    // name resolution
    tech("Route 53", "dns", &[]),
    tech("Route 53", "dns", &[]),
    tech("BIND", "dns", &["9.16", "9.18"]),
    tech("PowerDNS", "dns", &["4.7"]),
    tech("Azure DNS", "dns", &[]),
    tech("Google Cloud DNS", "dns", &[]),
    tech("Unbound", "resolver", &["1.17", "1.19"]),
    tech("BIND", "resolver", &["9.16", "9.18"]),
    tech("PowerDNS Recursor", "resolver", &["4.8"]),
    tech("CoreDNS", "lit", &["1.9", "1.10"]),
    // languages and runtimes
    tech("Java", "lang", &["8", "11", "17", "21"]),
    tech("Go", "lang", &["1.19", "1.20", "1.21"]),
    tech("Python", "lang", &["3.8", "3.10", "3.11"]),
    tech("Node.js", "lang", &["16", "18", "20"]),
    tech("Ruby", "lang", &["2.7", "3.2"]),
    tech(".NET", "lang", &["6", "8"]),
    tech("PHP", "lang", &["7.4", "8.1"]),
    tech("Kotlin", "lang", &["1.8"]),
    // ORMs and frameworks
    tech("Hibernate", "orm", &["5.6", "6.2"]),
    tech("SQLAlchemy", "orm", &["1.4", "2.0"]),
    tech("ActiveRecord", "orm", &[]),
    tech("Entity Framework", "orm", &["6"]),
    tech("Django", "orm", &["3.2", "4.2"]),
    // observability
    tech("Prometheus", "mon", &["2.37", "2.45"]),
    tech("Grafana", "mon", &["9", "10"]),
    tech("Datadog", "mon", &[]),
    tech("Splunk", "mon", &[]),
    tech("CloudWatch", "mon", &[]),
    tech("Zabbix", "mon", &["6.0"]),
    tech("Nagios", "mon", &[]),
    tech("Sentry", "mon", &[]),
    tech("PagerDuty", "pager", &[]),
    tech("PagerDuty", "pager", &[]),
    tech("Opsgenie", "pager", &[]),
    tech("Alertmanager", "pager", &[]),
    // delivery
    tech("Jenkins", "ci", &["2.387", "2.414"]),
    tech("GitHub Actions", "ci", &[]),
    tech("GitLab CI", "ci", &[]),
    tech("ArgoCD", "ci", &["2.6", "2.8"]),
    tech("Spinnaker", "ci", &[]),
    tech("Flux", "ci", &["2.1"]),
    tech("Terraform", "iac", &["0.14", "1.3", "1.5"]),
    tech("Ansible", "iac", &["2.9", "2.14"]),
    tech("Puppet", "iac", &["7"]),
    tech("Chef", "iac", &[]),
    tech("Helm", "iac", &["3.11", "3.12"]),
    tech("Pulumi", "iac", &[]),
    // identity and secrets
    tech("Vault", "secrets", &["1.12", "1.14"]),
    tech("AWS Secrets Manager", "secrets", &[]),
    tech("Okta", "idp", &[]),
    tech("Okta", "sso", &[]),
    tech("Keycloak", "sso", &["21", "22"]),
    tech("Entra ID", "sso", &[]),
    tech("LDAP", "idp", &[]),
    tech("Active Directory", "idp", &[]),
    tech("Keycloak", "idp", &["21", "22"]),
    // operating systems
    tech("Linux", "linux", &[]),
    tech("Ubuntu", "linux", &["18.04", "20.04", "22.04"]),
    tech("RHEL", "linux", &["7", "8", "9"]),
    tech("Debian", "linux", &["10", "11", "12"]),
    tech("Windows Server", "os", &["2016", "2019", "2022"]),
    tech("Windows Server", "os", &["2019"]),
    tech("Linux", "os", &[]),
    // search
    tech("Elasticsearch", "search", &["6.8", "7.10", "7.17", "8.9"]),
    tech("OpenSearch", "search", &["2.5", "2.9"]),
    tech("Solr", "search", &["8.11", "9.2"]),
    // certificates
    tech("Let's Encrypt", "tls", &[]),
    tech("cert-manager", "tls", &["1.10", "1.12"]),
    tech("OpenSSL", "lit", &["1.1.1", "3.0"]),
    // electronic health records
    tech("Epic", "ehr", &[]),
    tech("Cerner", "ehr", &[]),
    // literal-only names, with versions where a version makes sense
    tech("systemd", "lit", &["245", "249", "252"]),
    tech("Log4j", "lit", &["2.14"]),
];

// ---------------------------------------------------------------------------------------
// Industries
// ---------------------------------------------------------------------------------------

/// The words an industry lends to a scenario.
struct Industry {
    slug: &'static str,
    /// Relative weight when drawing an industry (software-heavy).
    weight: u32,
    orgs: &'static [&'static str],
    services: &'static [&'static str],
    users: &'static [&'static str],
    oncall: &'static [&'static str],
    commanders: &'static [&'static str],
    front: &'static [&'static str],
    /// People who notice problems in business systems (used by generic scenarios).
    staff: &'static [&'static str],
    comms: &'static [&'static str],
}

const TECH_ONCALL: &[&str] = &[
    "the on-call engineer",
    "the on-call SRE",
    "the on-call platform engineer",
];
const TECH_COMMANDERS: &[&str] = &["the incident commander", "the engineering manager on call"];

const INDUSTRY_CONTEXTS: &[Industry] = &[
    Industry {
        slug: "software",
        weight: 36,
        orgs: &["a mid-sized SaaS company", "a developer-tools company", "a large consumer web platform", "a B2B analytics provider", "a small startup"],
        services: &["the public API", "the login service", "the billing service", "the search API", "the notification service", "the web dashboard", "the file upload service", "the webhook delivery service"],
        users: &["customers", "API clients", "end users", "tenants"],
        oncall: TECH_ONCALL,
        commanders: TECH_COMMANDERS,
        front: &["a support engineer", "the customer support lead", "a solutions engineer"],
        staff: &["a support engineer", "the customer support lead", "a product manager"],
        comms: &[
            "{Ic} opened an incident channel, assigned a scribe and posted updates to the public status page every {mins} minutes.",
            "Once it was clear that {users} were affected, {ic} declared a high-severity incident, split the responders into a mitigation group and an investigation group, and kept a running timeline in the incident document.",
        ],
    },
    Industry {
        slug: "finance",
        weight: 10,
        orgs: &["a regional bank", "a payment processor", "a retail brokerage", "an insurance company", "a credit union"],
        services: &["the card authorisation service", "the payment API", "the online banking portal", "the mobile banking app", "the payouts service", "the trade booking system"],
        users: &["cardholders", "merchants", "account holders", "retail traders"],
        oncall: TECH_ONCALL,
        commanders: &["the incident manager", "the payments operations duty manager"],
        front: &["the payments operations desk", "a branch operations lead", "the treasury desk"],
        staff: &["the payments operations desk", "a contact centre team lead", "a branch operations lead"],
        comms: &[
            "{Ic} convened a bridge call with the payments operations desk and informed the regulatory reporting team, as required for incidents affecting {users}.",
            "{Ic} opened a major incident bridge; the contact centre received a holding statement for {users} within {mins} minutes.",
        ],
    },
    Industry {
        slug: "healthcare",
        weight: 8,
        orgs: &["a regional hospital network", "a university hospital", "an outpatient clinic group", "a community pharmacy chain"],
        services: &["the EHR integration engine", "the lab results interface", "the patient portal", "the e-prescribing service", "the radiology image archive", "the bed management system"],
        users: &["clinicians", "patients", "ward staff", "pharmacists"],
        oncall: &["the on-call clinical systems analyst", "the on-call integration engineer", "the on-call infrastructure engineer"],
        commanders: &["the IT duty manager", "the incident commander"],
        front: &["the charge nurse", "the on-duty pharmacist", "a ward nurse", "the attending physician", "the nursing supervisor"],
        staff: &["a ward clerk", "the charge nurse", "the service desk"],
        comms: &[
            "{Ic} activated the downtime procedures: wards switched to paper medication administration records and the most recent patient lists were printed on every unit.",
            "{Ic} informed the clinical site manager, who asked each ward to double-check recent results and orders by phone until the systems were confirmed healthy.",
        ],
    },
    Industry {
        slug: "aviation",
        weight: 6,
        orgs: &["a regional airline", "a cargo airline", "an airport operator", "an aircraft maintenance organisation", "an air navigation service provider"],
        services: &["the crew scheduling system", "the flight planning system", "the operational messaging gateway", "the departure control system", "the baggage reconciliation system"],
        users: &["passengers", "flight crews", "dispatchers"],
        oncall: &["the on-call operations engineer", "the systems duty engineer"],
        commanders: &["the operations control centre duty manager", "the incident commander"],
        front: &["the first officer", "the captain", "the flight dispatcher", "the maintenance controller", "the tower controller"],
        staff: &["a flight dispatcher", "a station agent", "the crew control desk"],
        comms: &[
            "The operations control centre was informed and {ic} coordinated dispatch, crew control and maintenance control on a single bridge.",
            "{Ic} issued an operational notice to all stations and asked dispatchers to confirm every release by phone until the system was back.",
        ],
    },
    Industry {
        slug: "telecom",
        weight: 7,
        orgs: &["a national mobile carrier", "a regional ISP", "a cable operator", "a wholesale transit provider"],
        services: &["the subscriber authentication service", "the mobile packet core", "the residential broadband network", "the VoIP platform", "the customer DNS resolvers"],
        users: &["subscribers", "customers", "business customers"],
        oncall: &["the on-call network engineer", "the NOC engineer"],
        commanders: &["the NOC shift lead", "the major incident manager"],
        front: &["the NOC operator", "a customer care team lead"],
        staff: &["a customer care team lead", "the NOC operator"],
        comms: &[
            "The NOC shift lead opened a major incident bridge and posted updates for the customer care team every {mins} minutes.",
            "{Ic} notified the wholesale partners and published a service notice while the investigation continued.",
        ],
    },
    Industry {
        slug: "retail",
        weight: 8,
        orgs: &["an online retailer", "a grocery chain", "a fashion marketplace", "a consumer electronics retailer"],
        services: &["the checkout service", "the inventory service", "the product catalogue", "the in-store point-of-sale system", "the order management system"],
        users: &["shoppers", "store staff", "marketplace sellers"],
        oncall: TECH_ONCALL,
        commanders: TECH_COMMANDERS,
        front: &["a store manager", "the customer service lead", "the e-commerce trading manager"],
        staff: &["a store manager", "the customer service lead"],
        comms: &[
            "{Ic} opened an incident channel and asked the marketing team to pause paid campaigns until {svc} recovered.",
            "{Ic} kept the store operations team informed every {mins} minutes so that store managers could tell customers what was happening.",
        ],
    },
    Industry {
        slug: "energy",
        weight: 5,
        orgs: &["a regional electricity distributor", "a water utility", "a gas pipeline operator", "a wind farm operator"],
        services: &["the SCADA system", "the outage management system", "the smart meter head-end", "the energy trading platform", "the pumping station telemetry"],
        users: &["customers", "field crews", "control room operators"],
        oncall: &["the on-call OT engineer", "the on-call SCADA engineer", "the on-call IT engineer"],
        commanders: &["the control room shift supervisor", "the incident manager"],
        front: &["the control room operator", "the shift supervisor", "a field technician"],
        staff: &["a customer service agent", "the service desk", "a control room operator"],
        comms: &[
            "The control room shift supervisor was informed and moved the affected assets to manual monitoring, with field crews on standby.",
            "{Ic} informed the duty manager and the regulator liaison, and the control room increased the frequency of manual readings.",
        ],
    },
    Industry {
        slug: "manufacturing",
        weight: 5,
        orgs: &["an automotive parts plant", "a food-processing plant", "a contract electronics manufacturer", "a pharmaceutical packaging site"],
        services: &["the manufacturing execution system", "the warehouse management system", "the line-side label printing service", "the quality data pipeline"],
        users: &["production lines", "line operators", "shift teams"],
        oncall: &["the on-call automation engineer", "the on-call IT engineer"],
        commanders: &["the plant duty manager", "the incident commander"],
        front: &["the line supervisor", "the shift lead", "a maintenance technician"],
        staff: &["the shift lead", "a planner", "the service desk"],
        comms: &[
            "{Ic} informed the plant manager; line supervisors moved the affected lines to manual record-keeping.",
            "{Ic} held a stand-up with the shift leads every {mins} minutes and kept a whiteboard of which lines were running.",
        ],
    },
    Industry {
        slug: "government",
        weight: 6,
        orgs: &["a municipal government", "a national tax agency", "a public university", "a state benefits agency", "a school district"],
        services: &["the benefits claims portal", "the tax filing service", "the student information system", "the permit application portal", "the identity verification service"],
        users: &["citizens", "students", "caseworkers", "applicants"],
        oncall: TECH_ONCALL,
        commanders: &["the service manager on duty", "the incident commander"],
        front: &["a caseworker", "the service desk lead", "a registry clerk"],
        staff: &["a caseworker", "the service desk lead"],
        comms: &[
            "{Ic} opened a bridge with the service owner and the communications office, which prepared a public notice.",
            "{Ic} asked the contact centre to log every affected applicant so that deadlines could be extended afterwards.",
        ],
    },
    Industry {
        slug: "media",
        weight: 6,
        orgs: &["a streaming service", "an online game studio", "a news publisher", "a podcast platform"],
        services: &["the live streaming origin", "the game matchmaking service", "the video transcoding pipeline", "the article publishing system", "the player login service"],
        users: &["viewers", "players", "readers", "subscribers"],
        oncall: TECH_ONCALL,
        commanders: TECH_COMMANDERS,
        front: &["the live operations producer", "a community manager", "the newsroom duty editor"],
        staff: &["a community manager", "the live operations producer", "a support agent"],
        comms: &[
            "{Ic} opened an incident channel; the community team posted updates for {users} every {mins} minutes.",
            "{Ic} split the response into a stream for the live event and a stream for the root cause, so that the event team was not waiting on the investigation.",
        ],
    },
    Industry {
        slug: "transport",
        weight: 6,
        orgs: &["a regional rail operator", "a parcel delivery company", "a ride-hailing platform", "a container terminal", "a city bus operator"],
        services: &["the dispatch platform", "the passenger information displays", "the route planning service", "the driver app backend", "the ticketing system", "the terminal operating system"],
        users: &["passengers", "drivers", "couriers", "riders"],
        oncall: TECH_ONCALL,
        commanders: &["the control centre duty manager", "the incident commander"],
        front: &["the dispatcher", "the signaller", "the depot supervisor"],
        staff: &["the dispatcher", "a customer service agent", "the depot supervisor"],
        comms: &[
            "{Ic} coordinated with the control centre; dispatchers moved to radio and paper run sheets.",
            "{Ic} asked station staff to make announcements every {mins} minutes and kept the control centre on an open line.",
        ],
    },
    Industry {
        slug: "other",
        weight: 4,
        orgs: &["a university research lab", "a non-profit", "a construction firm", "a legal services firm", "an agricultural cooperative"],
        services: &["the research compute cluster", "the donation platform", "the document management system", "the shared file service", "the project scheduling tool"],
        users: &["staff", "researchers", "donors", "volunteers"],
        oncall: &["the IT administrator", "the on-call engineer", "the contractor on call"],
        commanders: &["the operations lead", "the IT manager"],
        front: &["the office manager", "a lab technician", "a project coordinator"],
        staff: &["the office manager", "a project coordinator", "a volunteer coordinator"],
        comms: &[
            "{Ic} sent an all-staff message and kept a shared document with the current status.",
            "{Ic} posted updates on the internal noticeboard every {mins} minutes and asked staff to hold off on large uploads.",
        ],
    },
];

const TEAMS: &[&str] = &[
    "the platform team",
    "the infrastructure team",
    "the database team",
    "the network team",
    "the application team",
    "the release engineering team",
    "the security team",
];
const LEADS: &[&str] = &[
    "a senior engineer",
    "the database administrator",
    "the platform lead",
    "the team's tech lead",
    "a staff engineer from another team",
];
const WHENS: &[&str] = &[
    "on a Friday afternoon",
    "early on a Monday morning",
    "late on a Sunday night",
    "in the middle of a weekday",
    "during the evening peak",
    "shortly after midnight",
    "during a quiet holiday weekend",
    "at the start of the business day",
];

/// Reflective paragraphs that fit any scenario (no durations: also used for near misses).
const REFLECTIONS: &[&str] = &[
    "The review was run blameless. The question was never who made the mistake, but why the system made the mistake easy and the recovery hard.",
    "In the review, several participants pointed out that the signals had been there for weeks. Nobody owned them, so nobody acted on them.",
    "What went well: responders shared what they were doing before doing it, which avoided two people making conflicting changes at the same time.",
    "The review spent as much time on the recovery as on the cause. Finding the fault took minutes; knowing that the fix was safe took most of the time.",
    "Several of the safeguards that could have stopped this existed on paper. The review looked at why each of them did not fire in practice.",
    "Nobody involved had done anything unusual. Every step made sense at the time with the information available, which is exactly why the review focused on the information.",
];

/// Closing paragraphs for near misses.
const NEAR_MISS_REFLECTIONS: &[&str] = &[
    "The review asked what would have happened on a different day: with a different person on shift, or the check skipped under time pressure, the same problem would have gone straight through.",
    "Nobody was harmed, and that made it tempting to move on. The team reported it anyway, because the same conditions were still in place for the next person.",
    "The safeguard that worked here was a person, not a system. The review looked for ways to make the catch independent of one attentive individual.",
    "Tracing the conditions back showed that the gap had existed for months; this was simply the first time someone looked at it closely.",
    "Reporting the near miss took a few minutes. The discussion it started changed how the whole team handles this kind of change.",
];

/// Detection templates used when the scenario gives no near-miss detection.
const DETECT_ALERT: &[&str] = &[
    "{Mon} alerted on {symptom} {detect} minutes after onset and paged {oncall} through {pager}.",
    "A synthetic check from outside the network flagged failing requests to {svc} within {detect} minutes; {oncall}, paged through {pager}, found {symptom}.",
    "{Front} noticed that {svc} was misbehaving and called the service desk; {oncall}, paged {detect} minutes after onset, found {symptom}.",
    "An error-rate alert in {mon} fired after {detect} minutes and {pager} woke {oncall}, whose first look showed {symptom}.",
];
const DETECT_GAP: &[&str] = &[
    "No alert fired. {Users} reported problems with {svc} to the support desk, which escalated to {oncall} after {detect} minutes; the responders then found {symptom}.",
    "Monitoring stayed green throughout. {Front} noticed that {svc} was not working properly and raised it by phone {detect} minutes after onset; {oncall} then found {symptom}.",
];
/// Detection for industry-specific scenarios, where the first witness is usually a person
/// at the sharp end rather than a dashboard.
const DETECT_FRONT: &[&str] = &[
    "{Front} noticed {symptom} and raised it at once; {oncall} was involved {detect} minutes later.",
    "First noticed by {front}: {symptom}. The report reached {oncall} and {ic} within {detect} minutes.",
    "{Front} reported {symptom}. There was no automated alert for this condition; {oncall} joined {detect} minutes after the first report.",
];
/// Owners appended to some action items.
const OWNERS: &[&str] = &[
    "the platform team",
    "the infrastructure team",
    "the application team",
    "the team that owns the service",
    "the on-call rota",
];
const DETECT_FATIGUE: &[&str] = &[
    "An alert in {mon} fired after {detect} minutes, but it was one of {n} alerts firing at the time; {oncall} only connected it to {symptom} later.",
    "{Pager} paged {oncall} within {detect} minutes, but the page looked like a known flapping alert and was acknowledged without action; {symptom} was recognised only when {users} complained.",
];

const NEAR_MISS_IMPACT: &[&str] = &[
    "No {users} were affected. Had the problem not been caught, the review estimated that {svc} would have been unavailable to most {users}.",
    "No impact on {users}. The review treated it as a full incident anyway, because only luck and an attentive person separated it from a serious one.",
    "None outside the team. The potential impact, had it gone unnoticed, was an outage of {svc} and a difficult recovery.",
];

// ---------------------------------------------------------------------------------------
// Contributing factors: a paragraph, a lesson and an action for each
// ---------------------------------------------------------------------------------------

struct FactorText {
    slug: &'static str,
    paragraph: &'static str,
    lesson: &'static str,
    action: &'static str,
}

const FACTOR_TEXTS: &[FactorText] = &[
    FactorText {
        slug: "communication-breakdown",
        paragraph: "Part of the delay came from the hand-off between teams: {team} knew about the change, {oncall} did not, and the notice had gone to a channel that nobody on call was watching.",
        lesson: "A change notice that does not reach the people on call is not a change notice.",
        action: "Route change announcements for {svc} to the on-call channel, not only to the owning team.",
    },
    FactorText {
        slug: "unacknowledged-warning",
        paragraph: "The warning signs were visible well before the incident: a low-priority ticket about this exact behaviour had been open for {weeks} weeks, and the relevant dashboard had shown the trend for days.",
        lesson: "Tickets that describe a failure mode are early warnings; they need an owner and a date, not a backlog.",
        action: "Review open reliability tickets weekly and give each one an owner and a decision.",
    },
    FactorText {
        slug: "missing-procedure",
        paragraph: "There was no runbook for this situation. The responders reconstructed the recovery steps from old chat history and memory, which cost time and led to one step being done twice.",
        lesson: "The recovery procedure for a known failure mode should exist before the failure, not be reconstructed during it.",
        action: "Write and rehearse a runbook for this failure mode, including how to verify recovery.",
    },
    FactorText {
        slug: "monitoring-gap",
        paragraph: "Monitoring measured what was easy to measure: the hosts were up and the processes were running. Nothing checked whether {svc} was actually doing its job for {users}.",
        lesson: "Health checks that only prove a process is running say nothing about whether it is doing its job.",
        action: "Add an end-to-end check of {svc} that exercises the path {users} actually use.",
    },
    FactorText {
        slug: "alert-fatigue",
        paragraph: "The alert that mattered had fired {n} times in the previous month without consequence, and had been silenced so often that nobody treated it as real.",
        lesson: "An alert that usually means nothing will be ignored on the day it means everything.",
        action: "Delete or fix every alert that fired without requiring action in the last quarter.",
    },
    FactorText {
        slug: "time-pressure",
        paragraph: "The work was done under a deadline. The change had been brought forward to meet a commitment to {users}, and the usual waiting period between stages was cut short.",
        lesson: "Deadlines shorten the safety steps first; the steps need to be protected explicitly.",
        action: "Make the staging soak time a hard gate in the pipeline rather than a convention.",
    },
    FactorText {
        slug: "fatigue",
        paragraph: "{Oncall} was at the end of a long on-call shift, having already handled {n} unrelated pages that night, and nobody had offered a hand-over.",
        lesson: "A tired responder is a predictable risk; the rota should plan for it rather than rely on stamina.",
        action: "Introduce a hand-over rule: after a night with more than a few pages, the secondary takes over by default.",
    },
    FactorText {
        slug: "change-management",
        paragraph: "The change had not gone through the usual review: it was classed as routine, so it skipped staging and was not announced to the teams that depended on {svc}.",
        lesson: "Routine changes are where review is skipped, which is why they cause a disproportionate share of incidents.",
        action: "Require a second reviewer and a staged rollout for every change to this component, routine or not.",
    },
    FactorText {
        slug: "documentation",
        paragraph: "The documentation described a setup that no longer existed. The diagram everyone relied on was {n} months out of date and omitted the component that failed.",
        lesson: "Out-of-date documentation is worse than none: it sends responders confidently in the wrong direction.",
        action: "Generate the architecture diagram from the live configuration instead of maintaining it by hand.",
    },
    FactorText {
        slug: "training",
        paragraph: "Nobody on the rota had handled this failure before. The only person who had was no longer on the team, and the recovery had never been practised.",
        lesson: "Knowledge that lives in one person's head leaves with them.",
        action: "Run a game day on this failure mode each quarter, with a different responder each time.",
    },
    FactorText {
        slug: "error-prone-tooling",
        paragraph: "The tooling made the mistake easy: production and test looked identical in the terminal, and the command asked for no confirmation.",
        lesson: "If a tool lets a single keystroke do irreversible damage in production, the tool is part of the cause.",
        action: "Make production sessions visually distinct and require typed confirmation for destructive commands.",
    },
    FactorText {
        slug: "organisational-pressure",
        paragraph: "Reliability work on this component had been deferred for several quarters in favour of feature work, and raising it again was seen as slowing the team down.",
        lesson: "Deferred reliability work does not disappear; it is paid back with interest during an incident.",
        action: "Reserve a fixed share of each planning cycle for reliability work chosen by the on-call rota.",
    },
];

// ---------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------

/// One story shape for a failure pattern. Near-miss fields are empty when the scenario only
/// makes sense as an incident with impact.
struct Scenario {
    pattern: &'static str,
    /// Industries the scenario fits; empty means any.
    industries: &'static [&'static str],
    titles: &'static [&'static str],
    setup: &'static [&'static str],
    trigger: &'static str,
    response: &'static str,
    resolution: &'static str,
    nm_title: &'static str,
    nm_body: &'static str,
    nm_detection: &'static str,
    impact: &'static str,
    symptom: &'static str,
    lessons: &'static [&'static str],
    actions: &'static [&'static str],
    factors: &'static [&'static str],
    also: &'static [&'static str],
}

const ANY: &[&str] = &[];

const SCENARIOS: &[Scenario] = &[
    // ----- config-change -----
    Scenario {
        pattern: "config-change",
        industries: ANY,
        titles: &[
            "Load balancer weight typo sent all traffic for {svc} to one pool for {dur}",
            "{Proxy} configuration push drained {svc} of healthy backends",
        ],
        setup: &[
            "{Svc} at {org} sits behind a pair of {proxy} load balancers whose configuration is generated from a template and pushed by {iac}. Each backend pool carries a weight so that traffic can be shifted between zones during maintenance.",
            "Traffic to {svc} is spread across three backend pools by {proxy}. Pool weights are edited by hand in a shared configuration repository and rolled out with {iac}.",
        ],
        trigger: "{When}, an engineer shifted traffic away from one zone ahead of planned maintenance. The edit was meant to set one weight to `0`; a stray character set the other two pools to `0` instead, and the push applied within seconds. All requests landed on a single pool sized for a third of the load, which began returning 503 errors at a rate of {pct}.",
        response: "{Oncall} first suspected the maintenance itself and paused it, which changed nothing. Only when {lead} diffed the rendered configuration against the previous version did the weights stand out. The previous configuration was re-applied, but the overloaded pool took another {mins} minutes to drain its queue.",
        resolution: "Error rates returned to normal {dur} after the push. The configuration pipeline had a syntax check but no semantic check, so a configuration that sent everything to one pool was perfectly valid as far as it was concerned.",
        nm_title: "{Proxy} weight change that would have emptied two of three pools for {svc} was caught in review",
        nm_body: "Before the push, the rendered diff was posted for a second pair of eyes. {Lead} noticed that two pools would drop to weight `0` instead of one and asked why; the author had edited the wrong lines. The change was corrected and applied without effect on {users}.",
        nm_detection: "Caught in peer review of the rendered configuration diff, before it was applied.",
        impact: "For {dur}, about {pct} of requests to {svc} failed with 503 errors and the rest were slow; {users} saw failed page loads and timeouts.",
        symptom: "a jump in 503 responses from the load balancers",
        lessons: &[
            "A configuration that is syntactically valid can still be obviously wrong; validate meaning, not just syntax.",
            "Rendered diffs are easier to review than template edits.",
            "Shifting traffic is a change with production impact and deserves the same care as a deploy.",
        ],
        actions: &[
            "Add a pre-push check in {iac} that refuses any change leaving fewer than two pools with non-zero weight.",
            "Show the rendered diff of load balancer configuration in every change request.",
            "Roll out load balancer changes to one {proxy} instance first and compare error rates before the second.",
        ],
        factors: &["change-management", "error-prone-tooling", "time-pressure"],
        also: &["capacity-overload"],
    },
    Scenario {
        pattern: "config-change",
        industries: ANY,
        titles: &[
            "A {t:Terraform} plan that looked like a no-op replaced the firewall rules of {svc}",
            "{T:Terraform} change removed an ingress rule and cut {svc} off for {dur}",
        ],
        setup: &[
            "The network rules for {svc} are managed in {t:Terraform}, alongside several hundred other resources in a single state. A refactoring had moved the rules into a shared module a few weeks earlier.",
            "{Org} manages its cloud networking in {t:Terraform} on {cloud}. Security group rules for {svc} were defined inline in one module and referenced from another.",
        ],
        trigger: "A small change to an unrelated tag was applied {when}. The plan output ran to {n} screens, and buried in it was the destruction and re-creation of the security group that admitted traffic to {svc}. During the gap between destroy and create, and then because the new group lacked one ingress rule, connections from the load balancers were refused.",
        response: "{Oncall} saw the health checks fail across every instance at once, which pointed away from the application. {Lead} found the apply in the pipeline history and spotted the replacement in the plan. Re-adding the missing rule by hand restored traffic; the module was fixed properly the next day.",
        resolution: "{Svc} was unreachable for {dur}. The missing ingress rule had been defined in the old inline form and silently dropped during the refactoring; nobody had applied the module since.",
        nm_title: "{T:Terraform} plan that would have replaced the security group of {svc} was spotted before apply",
        nm_body: "The plan for a tag-only change showed a destroy-and-create of the security group in front of {svc}. {Lead}, reviewing the plan, searched it for the word `destroy` out of habit and stopped the apply. The refactored module turned out to have lost one ingress rule.",
        nm_detection: "A reviewer searched the plan output for destroyed resources before approving the apply.",
        impact: "{Svc} refused all connections for {dur}; {users} received connection errors and queued work piled up behind it.",
        symptom: "health checks failing on every instance at once",
        lessons: &[
            "Long plan outputs hide the one line that matters; review should be guided by tooling, not by scrolling.",
            "Refactoring infrastructure code is a change to infrastructure and needs an apply-and-verify step of its own.",
            "Resources that carry production traffic should not be replaceable by accident.",
        ],
        actions: &[
            "Fail the pipeline when a plan destroys or replaces a resource tagged as production-critical unless explicitly approved.",
            "Add lifecycle protection against destruction to the security groups of {svc}.",
            "Split the single large {t:Terraform} state into smaller states per service.",
        ],
        factors: &["error-prone-tooling", "change-management", "documentation"],
        also: &["network-partition"],
    },
    Scenario {
        pattern: "config-change",
        industries: &["telecom"],
        titles: &[
            "BGP policy change withdrew customer prefixes and took {svc} offline for {dur}",
            "Route filter edit on the {t:BGP} edge left {pct} of {users} unreachable for {dur}",
        ],
        setup: &[
            "{Org} announces its customer address space to two upstream transit providers over {t:BGP}. Outbound route policy is maintained as templated router configuration and pushed with {iac}.",
        ],
        trigger: "{When}, a change intended to add a new customer prefix to the outbound prefix list replaced the list instead of appending to it. Within a minute the routers withdrew every other announced prefix, and {svc} became unreachable from most of the internet.",
        response: "{Oncall} saw traffic collapse on both transit links at once and initially suspected an upstream fault. {Lead} checked the routes the peers were receiving and found only one prefix left. The previous configuration was rolled back on the first router, then the second, and routes re-propagated over the following {mins} minutes.",
        resolution: "Reachability was fully restored {dur} after the push. The template engine treated a list in the change as a replacement, which nobody on the team knew; the dry run only showed the final list, not what would be removed.",
        nm_title: "{T:BGP} policy change that would have cut off {pct} of {users} was stopped in the lab",
        nm_body: "The change was first applied to a lab router that mirrors production policy. {Oncall} compared the advertised routes before and after and saw the list shrink from dozens of prefixes to one. The template's replace-not-append behaviour was found and documented before anything reached production.",
        nm_detection: "Pre-deployment comparison of advertised routes on a lab router.",
        impact: "For {dur}, {pct} of {users} lost connectivity; business customers with static addressing were affected for the full duration.",
        symptom: "a collapse of traffic on both transit links",
        lessons: &[
            "Review what a routing change removes, not only what it adds.",
            "Change one router first and verify what peers receive before touching the second.",
            "Templating semantics (replace or merge) are part of the change and must be visible in review.",
        ],
        actions: &[
            "Add an automated check that compares advertised prefixes before and after a policy change and blocks large drops.",
            "Apply routing policy changes to one edge router at a time with a verification step in between.",
            "Document the merge behaviour of the configuration templates in the network runbook.",
        ],
        factors: &["error-prone-tooling", "documentation", "change-management"],
        also: &["network-partition"],
    },
    Scenario {
        pattern: "config-change",
        industries: &["healthcare"],
        titles: &[
            "Infusion pump drug library update carried the wrong concentration for one drug on {n} units",
            "Drug library change on infusion pumps allowed a tenfold rate for {dur}",
        ],
        setup: &[
            "{Org} uses smart {t:infusion pumps} whose drug library sets dose limits for each drug and care area. Library updates are prepared by pharmacy, approved by a nursing lead and pushed wirelessly to the pumps.",
        ],
        trigger: "A library update added a new concentration of an existing drug. The new entry was created by copying the old one, and the concentration field kept the old value while the name changed. Pumps that received the update would calculate rates for the wrong concentration, and the soft limit no longer flagged a tenfold programming error.",
        response: "{Front} noticed that the rate suggested by the pump did not match the order and stopped to double-check with the pharmacy. The on-duty pharmacist confirmed the mismatch, and the library entry was withdrawn. Pharmacy identified every pump that had received the update and the units where it had been used.",
        resolution: "The corrected library was pushed within {dur}. Every infusion started on the affected entry was reviewed by a pharmacist; none had been given at the wrong rate.",
        nm_title: "Wrong concentration in the drug library of the {t:infusion pumps} caught by a nurse before any infusion",
        nm_body: "Before the update reached most pumps, {front} programming the first infusion on a ward noticed that the concentration on the screen did not match the bag, and refused to continue. Pharmacy withdrew the entry within the hour; no patient received the drug from the faulty entry.",
        nm_detection: "A nurse compared the pump screen with the label on the bag, as the independent double-check requires.",
        impact: "Patients on {n} units could have received an infusion at the wrong rate for {dur}; the review found no patient harm, but several infusions had to be re-checked by pharmacy.",
        symptom: "a pump rate that did not match the prescribed dose",
        lessons: &[
            "Copying an existing library entry is a common source of wrong fields; every field of a new entry needs checking.",
            "The independent double-check at the bedside is the last safety layer, and it worked here because the nurse trusted it.",
            "Drug library changes are configuration changes with clinical impact and need a test on a real pump before release.",
        ],
        actions: &[
            "Add a test step on a pump in the pharmacy before each library release, with a second pharmacist checking every changed field.",
            "Disallow copying existing entries in the library editor for new concentrations.",
            "Share this case at nursing huddles as an example of a good catch at the bedside.",
        ],
        factors: &["error-prone-tooling", "missing-procedure", "time-pressure"],
        also: &["human-procedure"],
    },
    Scenario {
        pattern: "config-change",
        industries: &["aviation"],
        titles: &[
            "Out-of-date navigation database loaded into the {t:FMS} of {n} aircraft",
            "{T:FMS} navigation database update skipped on {n} aircraft after a loader configuration change",
        ],
        setup: &[
            "{Org} loads a new navigation database into the {t:FMS} of each aircraft every cycle, using a data loader whose configuration lists which aircraft receive which database part number.",
        ],
        trigger: "A change to the loader configuration, made to add newly delivered aircraft, reused an old list of part numbers. On {n} aircraft, the loader reported success but installed the previous cycle's database, in which one approach procedure had since been amended.",
        response: "{Front} noticed during the pre-flight check that the database effective dates shown by the {t:FMS} did not match the current cycle and reported it to {ic}. Maintenance control checked the rest of the fleet and grounded the affected aircraft until the correct database was loaded.",
        resolution: "All aircraft carried the correct database {dur} after the report. The loader's success message had only confirmed that a database was installed, not which one.",
        nm_title: "Previous-cycle navigation database in the {t:FMS} caught at the pre-flight check",
        nm_body: "During the pre-flight check, {front} saw that the database effective dates shown by the {t:FMS} belonged to the previous cycle. Maintenance control found {n} aircraft affected by a loader configuration change and reloaded them before any flew an amended procedure.",
        nm_detection: "The crew's check of database effective dates during pre-flight preparation.",
        impact: "{N} aircraft were unavailable for up to {dur}; several departures were delayed or swapped to other aircraft.",
        symptom: "database effective dates that did not match the current cycle",
        lessons: &[
            "A loader that confirms installation without confirming content gives false assurance.",
            "Crew checks of effective dates are a real safety barrier and should stay in the checklist.",
            "Configuration lists reused from older work carry old assumptions.",
        ],
        actions: &[
            "Make the loader report the installed cycle and compare it with the expected one.",
            "Review loader configuration changes with a second person from maintenance engineering.",
            "Add a fleet-wide report of installed database cycles after each load.",
        ],
        factors: &["change-management", "error-prone-tooling", "missing-procedure"],
        also: &["clock-time"],
    },
    // ----- bad-deploy -----
    Scenario {
        pattern: "bad-deploy",
        industries: ANY,
        titles: &[
            "Release of {svc} with an unbounded query exhausted {sql} for {dur}",
            "N+1 query shipped in a routine {lang} release slowed {svc} to a crawl",
        ],
        setup: &[
            "{Svc} is a {lang} service using {orm} on top of {sql}. Releases go out several times a day through {ci}, with a canary that takes {pct_small} of traffic for ten minutes.",
            "{Org} deploys {svc} continuously from {ci}. The service is written in {lang} and talks to {sql} through {orm}.",
        ],
        trigger: "A release {when} changed how a list view loaded related records. In testing, with a handful of rows, it was fast; in production, for the largest accounts, it issued one query per related record, several thousand per request. Database CPU went to 100% within minutes and every other query on {sql} slowed down with it.",
        response: "The canary looked healthy because the largest accounts happened not to hit it. {Oncall} saw database latency climb and looked first for a slow-query culprit; the top query by total time was a trivial one, executed {big} times a minute. The release was identified from the deploy log and rolled back.",
        resolution: "Latency recovered within {mins} minutes of the rollback; the incident lasted {dur} in total. The fix was a single eager-loading hint plus a test that counts queries per request.",
        nm_title: "Query-per-row regression in {svc} caught by the canary before full rollout",
        nm_body: "The canary for a routine release of {svc} showed database queries per request jumping from a few to several hundred. {Oncall} halted the rollout at {pct_small} of traffic and rolled back before the full fleet picked it up.",
        nm_detection: "The canary analysis compared queries per request between canary and baseline and halted the rollout.",
        impact: "For {dur}, {svc} responded slowly or timed out for about {pct} of {users}; background jobs sharing the database fell behind by about {hours} hours.",
        symptom: "database CPU at 100% and p99 latency climbing",
        lessons: &[
            "Test data that is small hides performance regressions that only appear at production scale.",
            "A canary only protects against what it sees; large tenants should be routed through it deliberately.",
            "Total time by query is a better signal than slowest query when hunting a regression.",
        ],
        actions: &[
            "Add a test that fails when a request issues more than a fixed number of queries.",
            "Include queries per request and database CPU in the automatic canary comparison.",
            "Seed the staging database with a tenant the size of the largest production one.",
        ],
        factors: &["monitoring-gap", "change-management", "time-pressure"],
        also: &["capacity-overload"],
    },
    Scenario {
        pattern: "bad-deploy",
        industries: ANY,
        titles: &[
            "Crash loop after a config-parsing change took {svc} down in every region for {dur}",
            "A release deployed to all regions at once left {svc} crash-looping on {orch}",
        ],
        setup: &[
            "{Svc} runs on {orch} in three regions. The pipeline in {ci} normally deploys region by region, with a pause between each.",
            "Deployments of {svc} to {orch} are driven by {ci}. A recent pipeline change had made the regional stages run in parallel to speed up releases.",
        ],
        trigger: "A release changed the way the service parsed an optional configuration value. In one region the value was absent, which the new code handled; in the other two it was present but empty, and the service exited at start-up. Because the stages ran in parallel, all regions rolled at once, and the old pods were terminated as soon as new ones were scheduled.",
        response: "Pods entered `CrashLoopBackOff` within a minute. {Oncall} tried to roll back through {ci}, but the rollback job queued behind the still-running deployment. {Lead} rolled back directly with the orchestrator's own rollout command, region by region.",
        resolution: "Service was restored {dur} after the deployment started. The readiness probe was passing for the old pods right until they were terminated; the rollout strategy allowed too many unavailable pods at once.",
        nm_title: "Crash-looping release of {svc} stopped at the first region",
        nm_body: "A release that crashed on start-up for an empty configuration value reached the first region only: the pipeline's pause between regions gave {oncall} time to see pods crash-looping and abort before the other regions rolled.",
        nm_detection: "Pods in the first region entered a crash loop and the regional pause in the pipeline held the rollout.",
        impact: "{Svc} was unavailable in all regions for {dur}; about {big} requests from {users} failed.",
        symptom: "pods crash-looping on start-up",
        lessons: &[
            "Speeding up a pipeline by removing the pause between stages removes the safety the stages provided.",
            "A rollback path that queues behind a broken deploy is not a rollback path.",
            "Empty and absent configuration values are different inputs and both need tests.",
        ],
        actions: &[
            "Restore sequential regional rollout with an automatic health gate between regions.",
            "Allow rollback jobs in {ci} to pre-empt running deployments.",
            "Set `maxUnavailable` so that old pods stay until new ones are ready.",
        ],
        factors: &["change-management", "error-prone-tooling", "organisational-pressure"],
        also: &["config-change"],
    },
    Scenario {
        pattern: "bad-deploy",
        industries: &["finance", "retail"],
        titles: &[
            "Payment gateway release remapped a message field and declined {pct} of card payments",
            "A gateway release broke {t:ISO 8583} field mapping and declined card payments for {dur}",
        ],
        setup: &[
            "Card payments at {org} pass through an in-house {t:payment gateway} that translates between the web checkout and the acquirer's {t:ISO 8583} interface. The gateway is a {lang} service released every two weeks.",
        ],
        trigger: "A release refactored the message builder. One optional field that carries the card-on-file indicator was now filled for every transaction instead of only for stored cards. The acquirer rejected the inconsistent messages with a generic decline code, and declines climbed to {pct} of attempts.",
        response: "The payments operations desk saw the decline rate jump and raised it with {oncall}. Because the decline code was generic, the first hour went on checking the acquirer's status and the fraud rules. {Lead} compared raw messages from before and after the release and spotted the extra field.",
        resolution: "The release was rolled back and approval rates recovered immediately; the incident lasted {dur}. Many {users} retried and some were charged only once, but the contact centre still handled a surge of calls.",
        nm_title: "Gateway release with a wrong {t:ISO 8583} field caught in certification testing",
        nm_body: "The acquirer's certification test suite was run against the new gateway build as part of the release checklist. {Lead} noticed a batch of unexpected declines for one-off card payments, and the extra card-on-file field was found before release.",
        nm_detection: "The pre-release certification suite against the acquirer's test endpoint showed unexpected declines.",
        impact: "For {dur}, {pct} of card payments were declined; {users} saw failed payments and many abandoned their purchase.",
        symptom: "the card decline rate jumping well above its usual level",
        lessons: &[
            "Generic decline codes make diagnosis slow; comparing raw messages before and after a release is faster.",
            "Refactoring a message builder is a functional change for the receiver even when the code looks equivalent.",
            "Decline rate by release is a better deploy health signal than error rate.",
        ],
        actions: &[
            "Add golden-message tests that compare generated messages byte for byte with the previous release.",
            "Gate gateway releases on decline rate compared with the same hour the previous week.",
            "Keep a library of raw sample messages per transaction type for quick comparison during incidents.",
        ],
        factors: &["monitoring-gap", "missing-procedure", "time-pressure"],
        also: &[],
    },
    Scenario {
        pattern: "bad-deploy",
        industries: &["healthcare"],
        titles: &[
            "{Ehr} upgrade changed an order-set default and pre-selected the wrong dose unit",
            "After the {ehr} upgrade, an order set defaulted to milligrams instead of micrograms",
        ],
        setup: &[
            "{Org} runs {ehr} for orders, documentation and medication administration. A scheduled upgrade was applied over a weekend, with clinical super-users testing the most common workflows afterwards.",
        ],
        trigger: "The upgrade changed how order sets stored default units. For one paediatric order set, the default dose unit switched from micrograms to milligrams while the number stayed the same. Nothing in the testing script exercised that order set.",
        response: "{Front} reviewing a new order noticed that the dose was a thousand times higher than usual for the patient's weight and called the prescriber. Pharmacy verification would also have caught it, but the review found that several orders had already been queued for verification with the wrong unit.",
        resolution: "The order set was disabled within {dur}, corrected and re-enabled after a second pharmacist's review. All orders placed with it since the upgrade were checked; none had been administered.",
        nm_title: "Wrong default dose unit after the {ehr} upgrade caught by pharmacy before any administration",
        nm_body: "On the first morning after the upgrade, {front} verifying a paediatric order saw a dose a thousand times too high and traced it to the order set default. The order set was disabled before any order built from it reached the bedside.",
        nm_detection: "Pharmacist verification of the first order built from the affected order set.",
        impact: "{N} orders were placed with a wrong dose unit over {dur}; none were administered, but each had to be cancelled and re-entered, delaying treatment for some patients.",
        symptom: "an order dose a thousand times the usual amount",
        lessons: &[
            "Upgrade testing scripts cover common workflows; rare but high-risk ones need their own checks.",
            "Unit defaults are safety-critical data and should be compared before and after every upgrade.",
            "Pharmacy verification and bedside checks are independent layers, and both matter.",
        ],
        actions: &[
            "Export all order-set defaults before and after each upgrade and have pharmacy review every difference.",
            "Add paediatric and high-alert order sets to the post-upgrade test script.",
            "Display dose units in a larger, highlighted format on paediatric orders.",
        ],
        factors: &["missing-procedure", "change-management", "documentation"],
        also: &["data-corruption"],
    },
    // ----- capacity-overload -----
    Scenario {
        pattern: "capacity-overload",
        industries: ANY,
        titles: &[
            "Promotion traffic exhausted {sql} connections and took {svc} down for {dur}",
            "{Sql} hit `max_connections` during a traffic peak on {svc}",
        ],
        setup: &[
            "{Svc} runs as about {n} instances on {orch}, each with a connection pool of 20 to a single {sql} primary configured for {conns} connections. The autoscaler adds instances when CPU passes 60%.",
            "{Org} had planned a campaign that would bring several times the usual traffic to {svc}. Capacity planning had focused on the web tier, which scales automatically on {orch}.",
        ],
        trigger: "As traffic rose {when}, the autoscaler did exactly what it was told and added instances. Each new instance opened its full connection pool, and the database reached its connection limit long before its CPU did. New connections were refused, health checks that touched the database failed, and the orchestrator restarted instances, which reconnected and made things worse.",
        response: "{Oncall} saw the error `too many connections` in the logs and raised the limit, which required a database restart and cost another few minutes. {Lead} capped the autoscaler and reduced the pool size per instance, which brought the connection count back under the limit.",
        resolution: "{Svc} stabilised {dur} after the first errors. The fix for the next campaign was a connection pooler in front of the database and health checks that do not depend on it.",
        nm_title: "Load test showed {sql} connection exhaustion a week before a campaign on {svc}",
        nm_body: "A load test before the campaign pushed {svc} to twice the expected peak. The web tier scaled perfectly, and at about {pct} of the target the database refused new connections. The team added a connection pooler and capped the autoscaler before the campaign.",
        nm_detection: "A pre-campaign load test at twice the expected peak.",
        impact: "For {dur}, {pct} of requests to {svc} failed; {users} arriving from the campaign saw error pages, and some campaign spend was wasted.",
        symptom: "connection refusals from the database and a wave of failing health checks",
        lessons: &[
            "Autoscaling the stateless tier moves the bottleneck to the stateful one.",
            "Health checks that depend on the database turn a database problem into a restart storm.",
            "Capacity planning must include connection counts, not only CPU and memory.",
        ],
        actions: &[
            "Put a connection pooler in front of {sql} and size pools from a total budget.",
            "Cap the autoscaler at the number of instances the database can serve.",
            "Make liveness probes independent of downstream dependencies.",
        ],
        factors: &["monitoring-gap", "unacknowledged-warning", "organisational-pressure"],
        also: &["resource-leak"],
    },
    Scenario {
        pattern: "capacity-overload",
        industries: ANY,
        titles: &[
            "{Stream} consumer lag grew for {dur} and left {svc} hours behind",
            "Under-partitioned {stream} topic could not keep up when traffic to {svc} rose {factor} times",
        ],
        setup: &[
            "Events from {svc} flow through a {stream} topic to a group of consumers that update downstream systems. The topic had been created years earlier with {n} partitions, which also caps the number of consumers that can work in parallel.",
        ],
        trigger: "A spike {when} tripled the event rate. The consumers were already at the partition limit, so adding more did nothing, and lag grew steadily. Downstream, {users} saw data that was first minutes and then hours out of date.",
        response: "{Oncall} scaled the consumer group and watched nothing improve. {Lead} explained the partition limit, and the team instead made each consumer process messages in parallel batches. Increasing the partition count was considered but rejected during the incident because it would reshuffle keys and break ordering.",
        resolution: "Lag peaked at {hours} hours and was fully worked off {dur} after the spike began. The topic was later migrated to a new one with more partitions during a quiet period.",
        nm_title: "Consumer lag on a {stream} topic crept up for weeks until a capacity review noticed",
        nm_body: "A quarterly capacity review plotted the peak lag on the {stream} topic behind {svc} and found it growing week on week. At the current growth rate the consumers would have fallen permanently behind within weeks. The topic was repartitioned during a planned window.",
        nm_detection: "A scheduled capacity review that looked at peak consumer lag trends.",
        impact: "For {dur}, {users} saw stale data; some downstream actions triggered on stale state and had to be reconciled by hand.",
        symptom: "consumer lag growing steadily on the topic",
        lessons: &[
            "Partition count is a capacity limit that is hard to change later; choose it for growth.",
            "Scaling a consumer group past the partition count silently does nothing.",
            "Lag in time is more meaningful to users than lag in messages.",
        ],
        actions: &[
            "Alert on consumer lag expressed in seconds, not messages.",
            "Document partition limits for every topic and review them each quarter.",
            "Add batch-parallel processing in the consumer as a ready-made lever for spikes.",
        ],
        factors: &["unacknowledged-warning", "training", "documentation"],
        also: &[],
    },
    Scenario {
        pattern: "capacity-overload",
        industries: &["media", "retail", "software"],
        titles: &[
            "Live event traffic overwhelmed {svc} when the {cdn} cache hit ratio fell",
            "Origin overloaded during a live event: {pct} of viewers saw buffering for {dur}",
        ],
        setup: &[
            "{Svc} serves segments behind {cdn}. Under normal load the edge absorbs more than 95% of requests and the origin sees only a trickle.",
        ],
        trigger: "During a live event {when}, a player update requested segments with a new query parameter that the edge treated as part of the cache key. The hit ratio dropped from above 95% to about {low_pct}, and the origin, sized for a trickle, received the full audience.",
        response: "{Oncall} scaled the origin, which helped briefly before the new instances saturated too. {Lead} noticed the unfamiliar parameter in the origin logs, and a rule was added at the edge to ignore it in the cache key.",
        resolution: "The hit ratio recovered within {mins} minutes of the edge rule; viewers had been affected for {dur}. The player update had been tested against the origin directly, where caching does not apply.",
        nm_title: "Player update would have dropped the {cdn} hit ratio for {svc}; caught in a pre-event test",
        nm_body: "A rehearsal stream before a large event showed the edge hit ratio far below normal. {Lead} traced it to a new query parameter added by a player update and excluded it from the cache key before the event went live.",
        nm_detection: "Pre-event rehearsal with edge hit-ratio monitoring.",
        impact: "For {dur}, about {pct} of {users} saw buffering or failed playback during the live event.",
        symptom: "the edge cache hit ratio collapsing",
        lessons: &[
            "An origin sized for the cached case is only safe while the cache works.",
            "Client changes can change caching behaviour at the edge.",
            "Cache hit ratio is a first-class health signal during events.",
        ],
        actions: &[
            "Normalise cache keys at the edge with an explicit allow-list of parameters.",
            "Add an alert on edge hit ratio during scheduled events.",
            "Load test the origin at the uncached rate for at least a fraction of the audience.",
        ],
        factors: &["monitoring-gap", "time-pressure", "change-management"],
        also: &["cache-stampede"],
    },
    Scenario {
        pattern: "capacity-overload",
        industries: &["government"],
        titles: &[
            "Deadline-day surge saturated {svc} for {dur}",
            "Queue-based admission came too late for the deadline rush on {svc}",
        ],
        setup: &[
            "Every year, a large share of {users} use {svc} in the last days before a statutory deadline. The service runs on {compute} behind {proxy}, with {sql} as the system of record.",
        ],
        trigger: "On the final day, traffic reached {factor} times the normal peak, higher than any previous year. The search for existing records, which scanned a large table, became the bottleneck, and response times rose until requests timed out in the browser and {users} retried, adding load.",
        response: "{Ic} enabled a waiting-room page that admitted {users} at a fixed rate. {Oncall} added read replicas for the record search. The waiting room helped immediately; the replicas took {mins} minutes to catch up.",
        resolution: "Normal service resumed {dur} after the slowdown began, and the deadline was extended for {users} who could show they had tried.",
        nm_title: "Load test projected {svc} would fail on deadline day; waiting room added in time",
        nm_body: "A load test based on last year's curve, scaled by growth, showed {svc} failing at about {pct} of the projected peak. A waiting room and read replicas were added two weeks before the deadline.",
        nm_detection: "A pre-season load test based on the previous year's traffic curve.",
        impact: "For {dur}, {pct} of {users} could not submit; about {big} submissions were delayed.",
        symptom: "response times rising until browsers timed out",
        lessons: &[
            "Predictable peaks are the easiest capacity incidents to prevent and the most embarrassing to suffer.",
            "A waiting room is cheaper than capacity for a one-day peak.",
            "User retries are load; design for them.",
        ],
        actions: &[
            "Make the waiting room a standing feature that activates automatically above a threshold.",
            "Index the record search so it no longer scans the table.",
            "Schedule a load test each year based on last year's peak plus growth.",
        ],
        factors: &["organisational-pressure", "unacknowledged-warning", "time-pressure"],
        also: &["retry-storm"],
    },
    // ----- dependency-failure -----
    Scenario {
        pattern: "dependency-failure",
        industries: ANY,
        titles: &[
            "A slow third-party provider without timeouts froze {svc} for {dur}",
            "Thread pool exhaustion in {svc} when an external provider hung",
        ],
        setup: &[
            "{Svc} calls an external provider, a regional payment and messaging vendor, for one step of its main flow. The {lang} client library had default settings, which meant no read timeout.",
            "{Org} relies on a third-party provider for one step of the main flow of {svc}, a {lang} service. The call was synchronous and shared a thread pool with every other request.",
        ],
        trigger: "{When} the provider began accepting connections but answering very slowly. Each request to {svc} that needed the provider held a worker thread waiting indefinitely. Within minutes every thread was waiting, and requests that had nothing to do with the provider failed too.",
        response: "{Oncall} saw the service unresponsive but healthy by CPU and memory. A thread dump showed every worker blocked in the provider's client. A feature flag that skipped the optional step was found and turned on, and the service recovered as threads were released.",
        resolution: "{Svc} was degraded for {dur}. The provider's own status page reported a problem only {mins} minutes after the start. The fix was timeouts, a circuit breaker and a separate pool for calls to the provider.",
        nm_title: "Missing timeout on a provider call in {svc} found during a dependency game day",
        nm_body: "A game day that injected latency into each external dependency of {svc} found that a slow response from one provider blocked every worker thread within a minute. Timeouts and a circuit breaker were added before a real slowdown happened.",
        nm_detection: "A planned game day injecting latency into external dependencies.",
        impact: "{Svc} was unavailable or very slow for {dur}; {pct} of {users} could not complete their task.",
        symptom: "requests piling up while CPU stayed idle",
        lessons: &[
            "A dependency that hangs is more dangerous than one that fails fast.",
            "Default client settings rarely include sensible timeouts.",
            "Shared resources let one dependency take down unrelated functionality.",
        ],
        actions: &[
            "Set connect and read timeouts on every outbound client and test them.",
            "Add a circuit breaker and a bulkhead pool for the provider.",
            "Document which steps can be skipped or deferred when the provider fails, and wire them to flags.",
        ],
        factors: &["monitoring-gap", "documentation", "missing-procedure"],
        also: &["resource-leak"],
    },
    Scenario {
        pattern: "dependency-failure",
        industries: ANY,
        titles: &[
            "{Objstore} errors in one region stopped uploads to {svc} for {dur}",
            "Regional {objstore} degradation took {svc} down because there was no fallback",
        ],
        setup: &[
            "{Svc} stores user files in {objstore} in a single region. The design documents listed the storage service as 'always available', and no fallback path existed.",
        ],
        trigger: "{When}, the storage service in that region began returning elevated errors and very high latency. Uploads failed, and because page rendering also fetched thumbnails synchronously from storage, ordinary page views slowed down too.",
        response: "{Oncall} confirmed the provider's status page and realised there was no switch to flip. The team disabled thumbnails with a hotfix so that pages would at least load, and queued uploads in the browser with a message asking {users} to retry later.",
        resolution: "The provider recovered {dur} after the first errors. The review concluded that the outage of the provider was outside the team's control but the blast radius was not.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, uploads failed for all {users} and page loads were slow for {pct} of them.",
        symptom: "elevated errors from the storage service",
        lessons: &[
            "'Always available' is an assumption, not a property; write down what happens when it is false.",
            "Optional features fetched synchronously turn a partial outage into a full one.",
            "A status page tells you it is not your fault, not what to do.",
        ],
        actions: &[
            "Make thumbnail loading asynchronous with a placeholder on failure.",
            "Evaluate cross-region replication for uploaded files.",
            "Add a degradation mode for storage outages with a clear message for {users}.",
        ],
        factors: &["documentation", "organisational-pressure", "missing-procedure"],
        also: &[],
    },
    Scenario {
        pattern: "dependency-failure",
        industries: &["aviation"],
        titles: &[
            "{T:ACARS} datalink provider outage forced dispatch to voice for {dur}",
            "Loss of the {t:ACARS} gateway delayed load sheets and departures for {dur}",
        ],
        setup: &[
            "{Org} sends flight plans, load sheets and weather updates to its aircraft over {t:ACARS} through a datalink service provider. The operational messaging gateway on the ground routes the messages.",
        ],
        trigger: "{When}, the provider's ground network stopped delivering messages in both directions. Messages were accepted by the gateway and queued, so the ground systems did not report an error, but crews did not receive their load sheets.",
        response: "{Front} reported that a load sheet had not arrived and requested it by voice. More reports followed. The operations control centre switched to voice for pre-departure clearances and load sheets, which worked but added about {mins} minutes per departure.",
        resolution: "The provider restored service {dur} after the first missing message. Queued messages were then delivered in a burst, and crews were told to disregard any message older than their current one.",
        nm_title: "Silent {t:ACARS} queueing noticed before the morning departure wave",
        nm_body: "{Front} on an early flight reported that a weather update had not arrived. {Oncall} found messages queued at the gateway without delivery receipts, confirmed an outage with the provider, and dispatch switched to voice before the morning wave.",
        nm_detection: "A crew report of a missing message, followed by a check of delivery receipts at the gateway.",
        impact: "For {dur}, {n} departures were delayed; crews received load sheets and clearances by voice.",
        symptom: "messages queued at the gateway without delivery receipts",
        lessons: &[
            "Accepted is not delivered; monitor delivery receipts, not queue acceptance.",
            "Burst delivery of stale messages after recovery is a hazard of its own.",
            "Voice fallback works but needs staffing planned in advance.",
        ],
        actions: &[
            "Alert when datalink messages stay without a delivery receipt for more than a few minutes.",
            "Expire queued operational messages after a defined age instead of delivering them late.",
            "Add the datalink outage procedure to the dispatch training syllabus.",
        ],
        factors: &["monitoring-gap", "communication-breakdown", "training"],
        also: &[],
    },
    Scenario {
        pattern: "dependency-failure",
        industries: &["healthcare"],
        titles: &[
            "Hosted {ehr} outage put {n} wards on downtime procedures for {dur}",
            "Vendor-side {ehr} failure: results stopped reaching clinicians for {dur}",
        ],
        setup: &[
            "{Org} uses a vendor-hosted instance of {ehr}, with an integration engine connecting it to the laboratory and pharmacy systems over {t:HL7} interfaces.",
        ],
        trigger: "{When}, the vendor's hosting suffered a storage failure and {ehr} became read-only and then unavailable. The interface engine kept receiving lab results and queueing them, but clinicians could not see them.",
        response: "{Ic} activated downtime procedures. Wards used printed patient lists and the laboratory phoned critical results to wards. {Oncall} monitored the interface queues so that nothing would be lost and prepared to replay them in order.",
        resolution: "{Ehr} returned {dur} after the outage began. Queued messages were replayed, and every ward reconciled paper records into the system, which took much of the next shift.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, clinicians worked on paper; critical lab results were phoned through and some non-urgent procedures were postponed.",
        symptom: "the EHR becoming read-only and then unreachable",
        lessons: &[
            "Downtime procedures work when they are practised; the wards that had drilled recently coped best.",
            "Reconciliation after downtime is part of the incident and needs as much planning as the downtime itself.",
            "Critical results need a path that does not depend on the EHR.",
        ],
        actions: &[
            "Drill downtime procedures on every ward twice a year.",
            "Agree with the vendor on notification within minutes of a hosting failure.",
            "Write a reconciliation checklist for the shift after a downtime.",
        ],
        factors: &["communication-breakdown", "training", "missing-procedure"],
        also: &[],
    },
    // ----- certificate-expiry -----
    Scenario {
        pattern: "certificate-expiry",
        industries: ANY,
        titles: &[
            "Expired intermediate certificate on {svc} broke mobile clients for {dur}",
            "Certificate expiry on {svc}: browsers fine, mobile app and partners locked out for {dur}",
        ],
        setup: &[
            "{Svc} terminates TLS at {proxy}. The leaf certificate was renewed automatically, but the certificate chain bundle served alongside it was a file copied by hand years earlier.",
            "TLS for {svc} is handled by {proxy} with certificates managed partly by {tls} and partly by hand. The intermediate certificate in the bundle had been added manually during a migration.",
        ],
        trigger: "{When}, the intermediate certificate in the bundle expired. Most browsers fetched a valid intermediate on their own and kept working, which hid the problem; the mobile app, which used the platform's strict validation, and partner integrations failed with certificate errors.",
        response: "Reports came in from mobile {users} while the website worked, which pointed the investigation towards the app. {Oncall} eventually ran the {t:OpenSSL} command-line client against the endpoint and saw the expired intermediate in the chain. The bundle was replaced with the current chain and {proxy} reloaded.",
        resolution: "Mobile clients recovered as soon as the new chain was served; the incident lasted {dur}. The certificate inventory had tracked the leaf certificate but not the chain.",
        nm_title: "Intermediate certificate about to expire on {svc} found by a chain-expiry check",
        nm_body: "A newly added check that inspects every certificate in the served chain, not only the leaf, reported that the intermediate on {svc} would expire in {days} days. The bundle had been copied by hand years earlier. It was replaced during business hours with no impact.",
        nm_detection: "A new monitoring check that validates expiry of every certificate in the served chain.",
        impact: "For {dur}, the mobile app and partner integrations could not connect; about {pct} of {users} were locked out, while browser users were mostly unaffected.",
        symptom: "TLS handshake failures from mobile clients",
        lessons: &[
            "Monitor the expiry of every certificate in the served chain, not only the leaf.",
            "Browsers that repair chains hide problems that strict clients will hit.",
            "Hand-copied certificate files are forgotten until they expire.",
        ],
        actions: &[
            "Serve the full chain from {tls} automation and remove hand-copied bundles.",
            "Add an external check that validates the chain with a strict client and alerts {days} days before any expiry.",
            "Keep a certificate inventory that includes intermediates and who renews them.",
        ],
        factors: &["monitoring-gap", "documentation", "unacknowledged-warning"],
        also: &[],
    },
    Scenario {
        pattern: "certificate-expiry",
        industries: ANY,
        titles: &[
            "Internal CA root expired after one year and broke service-to-service traffic in {mesh} for {dur}",
            "{Mesh} mutual TLS failed cluster-wide for {dur} when the mesh root certificate expired",
        ],
        setup: &[
            "Service-to-service traffic at {org} runs over mutual TLS through {mesh} on {orch}. When the mesh was installed, it generated its own root certificate with the default validity of one year.",
        ],
        trigger: "Exactly a year after installation, {when}, the root expired. Workload certificates signed by it were rejected by every sidecar, and calls between services failed with handshake errors. Only traffic that entered from outside and was served without calling another service kept working.",
        response: "{Oncall} saw errors everywhere at once, which first suggested a network problem. {Lead} recognised the handshake errors and checked the root. Generating a new root and rolling every workload to pick up new certificates took longer than expected because some sidecars cached the old trust bundle until restart.",
        resolution: "Traffic recovered gradually as workloads restarted; the incident lasted {dur}. The installation guide had mentioned root rotation in a footnote.",
        nm_title: "Mesh root certificate {days} days from expiry found during an upgrade review",
        nm_body: "While preparing an upgrade of {mesh}, {lead} read the release notes on certificate rotation and checked the current root: it would expire in {days} days. A rotation with an overlap period was planned and completed without downtime.",
        nm_detection: "Found by a person reading release notes during upgrade preparation.",
        impact: "For {dur}, most internal calls failed; {svc} and everything depending on it was unavailable to {users}.",
        symptom: "handshake errors between every pair of services",
        lessons: &[
            "Defaults chosen for a quick install become production settings.",
            "Root rotation needs an overlap period during which both roots are trusted.",
            "Any certificate with a fixed validity is a scheduled incident unless someone owns it.",
        ],
        actions: &[
            "Rotate the mesh root with an overlap and move to a root held in {secrets}.",
            "Alert on mesh root and intermediate expiry {days} days in advance.",
            "Rehearse a root rotation in staging every six months.",
        ],
        factors: &["documentation", "training", "monitoring-gap"],
        also: &[],
    },
    Scenario {
        pattern: "certificate-expiry",
        industries: ANY,
        titles: &[
            "Certificate renewal failed silently for weeks until the certificate for {svc} expired",
            "Certificate for {svc} expired after a firewall rule blocked the renewal challenge",
        ],
        setup: &[
            "Certificates for {svc} are issued by {t:Let's Encrypt} and renewed by a scheduled job on the edge servers. Renewal starts thirty days before expiry and retries daily.",
        ],
        trigger: "A new firewall rule added {weeks} weeks earlier blocked the inbound validation requests from the certificate authority. Every daily renewal attempt failed, and the failure was written to a log file that nobody read. {When}, the certificate expired.",
        response: "{Users} reported browser security warnings. {Oncall} found the expired certificate immediately but the renewal kept failing; it took {mins} minutes to connect the failure to the firewall change. A temporary exception allowed the challenge and the certificate was issued.",
        resolution: "{Svc} was effectively unavailable for {dur}. The renewal job's exit status was not monitored, and the expiry alert had been configured at seven days but routed to a mailbox that had been decommissioned.",
        nm_title: "Failing certificate renewal for {svc} noticed {days} days before expiry",
        nm_body: "A weekly report of certificates expiring within thirty days listed {svc}, which should have renewed already. {Oncall} found that renewals had been failing since a firewall change blocked the validation challenge and fixed the rule well before expiry.",
        nm_detection: "A weekly report of certificates close to expiry.",
        impact: "For {dur}, {users} saw certificate warnings; API clients failed outright.",
        symptom: "browser certificate warnings",
        lessons: &[
            "Automated renewal still needs monitoring of the renewal itself.",
            "Alerts routed to an unread destination are the same as no alerts.",
            "Firewall changes can break flows that only run once a day.",
        ],
        actions: &[
            "Alert on renewal job failures, not only on upcoming expiry.",
            "Test alert routing quarterly by sending a test alert end to end.",
            "Use a DNS-based challenge so renewals do not depend on inbound firewall rules.",
        ],
        factors: &["monitoring-gap", "unacknowledged-warning", "communication-breakdown"],
        also: &["config-change"],
    },
    Scenario {
        pattern: "certificate-expiry",
        industries: &["energy", "manufacturing"],
        titles: &[
            "Expired {t:OPC UA} client certificate stopped plant data reaching the historian for {dur}",
            "Historian lost all {t:OPC UA} feeds when a certificate created at commissioning expired",
        ],
        setup: &[
            "Process data at {org} flows from the {t:PLC} layer through an {t:OPC UA} server to a historian used by the control room and by quality reporting. The client certificate was created by the integrator at commissioning with a validity of a few years.",
        ],
        trigger: "{When}, the client certificate expired. The server rejected the historian's session, and trends in the control room froze at the last value without any visible error other than a timestamp that stopped moving.",
        response: "{Front} noticed that a trend had been flat for longer than physically plausible and called the on-call engineer. {Oncall} found the rejected sessions in the server's log, generated a new certificate, and had it trusted on the server, which required a change approval during the night.",
        resolution: "Data flow resumed {dur} after the expiry. The gap in the historian was filled from the controllers' local buffers where possible; some quality records had to be reconstructed.",
        nm_title: "{T:OPC UA} certificate from commissioning found {days} days before expiry",
        nm_body: "During an asset inventory, {oncall} listed the certificates on the {t:OPC UA} server and found the historian's client certificate would expire in {days} days. Nobody had known it existed. It was renewed in a planned window.",
        nm_detection: "A scheduled asset and certificate inventory of the control network.",
        impact: "For {dur}, control room trends were frozen and quality data was not recorded; operators relied on local panels.",
        symptom: "control room trends frozen at their last value",
        lessons: &[
            "Certificates created by integrators at commissioning are invisible until they expire.",
            "A frozen value is more dangerous than a missing one; displays should show data age.",
            "Operational technology needs the same certificate inventory as IT.",
        ],
        actions: &[
            "Inventory every certificate on the control network with its expiry and owner.",
            "Show data age on control room trends and alarm when data stops updating.",
            "Agree a renewal procedure with the integrator that fits the change approval process.",
        ],
        factors: &["documentation", "monitoring-gap", "communication-breakdown"],
        also: &["dependency-failure"],
    },
    // ----- dns -----
    Scenario {
        pattern: "dns",
        industries: ANY,
        titles: &[
            "An automation deleted the DNS record for {svc}; a long TTL made recovery slow",
            "Record cleanup script removed a live {dns} record and took {svc} offline for {dur}",
        ],
        setup: &[
            "Records in {dns} are managed partly by {iac} and partly by a cleanup script that removes records pointing at decommissioned load balancers.",
        ],
        trigger: "{When}, the cleanup script matched the record for {svc} because the load balancer it pointed to had been renamed, not decommissioned. The record was deleted. Resolvers that queried it received a negative answer and cached it for the negative-caching period of the zone.",
        response: "{Oncall} restored the record within {mins} minutes, but many {users} kept failing: their resolvers had cached the negative answer. The team could do nothing but wait for caches to expire, and published a status update explaining that.",
        resolution: "Resolution recovered for most {users} within an hour; the incident lasted {dur} in total. The cleanup script used name matching rather than checking whether the target still existed.",
        nm_title: "Dry run of a DNS cleanup script listed the record for {svc} for deletion",
        nm_body: "Before a DNS cleanup script ran for real, its dry-run output was reviewed. {Lead} noticed the record for {svc} among the deletions, and found that the target load balancer had been renamed, not removed. The script was changed to check that targets really were gone.",
        nm_detection: "Review of a dry-run listing before the cleanup script was run.",
        impact: "For {dur}, {pct} of {users} could not resolve {svc}.",
        symptom: "name resolution failures for the service",
        lessons: &[
            "Deleting DNS records has a long tail because of negative caching.",
            "Cleanup automation should check the thing it cleans up is really unused.",
            "The recovery time of a DNS mistake is set by TTLs chosen long before.",
        ],
        actions: &[
            "Protect production records from deletion by the cleanup script with an explicit tag.",
            "Lower the negative-caching TTL of the zone.",
            "Run cleanup scripts in dry-run mode with a review step.",
        ],
        factors: &["error-prone-tooling", "change-management", "missing-procedure"],
        also: &["destructive-command"],
    },
    Scenario {
        pattern: "dns",
        industries: ANY,
        titles: &[
            "{T:CoreDNS} in {orch} overloaded by `ndots:5` lookups, slowing {svc} for {dur}",
            "Cluster DNS saturation made every outbound call from {svc} slow",
        ],
        setup: &[
            "{Svc} runs on {orch} with cluster DNS served by {t:CoreDNS}. Pods use the default resolver configuration, which has `ndots:5` and several search domains.",
        ],
        trigger: "A new version of {svc} started calling an external service by its short public name for every request. Each lookup first tried every search domain, turning one query into several, and traffic growth {when} pushed the DNS pods past their limit. Lookups began to time out after five seconds, and so did the requests waiting on them.",
        response: "{Oncall} saw latency rise in steps of exactly five seconds, which {lead} recognised as resolver timeouts. DNS pods were scaled up, and a fully qualified name with a trailing dot was deployed to cut the query fan-out.",
        resolution: "Latency returned to normal {dur} after the first alert. DNS query volume fell by {low_pct} after the fix.",
        nm_title: "{T:CoreDNS} query volume tripled after a release of {svc}; fixed before saturation",
        nm_body: "A dashboard of DNS queries per second in the cluster showed a tripling after a release of {svc}. {Lead} traced it to search-domain expansion of an external name and shipped a fully qualified name before the DNS pods saturated.",
        nm_detection: "A routine look at the cluster DNS dashboard after a release.",
        impact: "For {dur}, requests to {svc} that needed the external call took at least five seconds longer; {pct} timed out.",
        symptom: "latency rising in steps of exactly five seconds",
        lessons: &[
            "Latency in multiples of five seconds usually means DNS timeouts.",
            "The default resolver configuration in clusters multiplies external lookups.",
            "Cluster DNS is shared infrastructure and needs capacity monitoring like any other.",
        ],
        actions: &[
            "Use fully qualified names for external services and lower `ndots` where safe.",
            "Deploy node-local DNS caching.",
            "Alert on DNS query rate and error rate in the cluster.",
        ],
        factors: &["monitoring-gap", "training", "documentation"],
        also: &["capacity-overload"],
    },
    Scenario {
        pattern: "dns",
        industries: &["telecom"],
        titles: &[
            "DNSSEC key rollover failure made customer resolvers return errors for {dur}",
            "Validating {resolver} resolvers rejected a popular zone for {dur} after a botched DNSSEC rollover",
        ],
        setup: &[
            "The customer DNS resolvers of {org} run {resolver} and answer queries for {big} subscribers, with {t:DNSSEC} validation enabled.",
        ],
        trigger: "{When}, a popular zone operated by another organisation performed a key rollover and published signatures that did not validate. The resolvers correctly refused the answers and returned errors, and to {users} it looked as if their internet access was broken.",
        response: "{Front} saw call volumes rise and escalated. {Oncall} reproduced the validation failure and confirmed that the fault was on the zone's side. After consulting {ic}, a temporary negative trust anchor for the zone was added, which disabled validation for that zone only.",
        resolution: "Resolution worked again within {mins} minutes of the trust anchor; {users} had been affected for {dur}. The zone operator fixed its signatures the next day and the trust anchor was removed.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {pct} of {users} could not reach a widely used set of services and many called customer care believing their connection was down.",
        symptom: "a spike of validation failures on the resolvers",
        lessons: &[
            "A validating resolver will faithfully pass on other people's mistakes to your customers.",
            "Negative trust anchors are a legitimate tool and should be in the runbook, with criteria for removal.",
            "Customer care sees DNS incidents first; give them a way to recognise one.",
        ],
        actions: &[
            "Add negative trust anchors to the resolver runbook with an approval and expiry rule.",
            "Alert on validation failure rates per zone.",
            "Give customer care a simple status signal for resolver health.",
        ],
        factors: &["missing-procedure", "communication-breakdown", "training"],
        also: &["dependency-failure"],
    },
    // ----- disk-full -----
    Scenario {
        pattern: "disk-full",
        industries: ANY,
        titles: &[
            "Abandoned replication slot filled the {gb} GB disk of the {t:PostgreSQL} primary",
            "{T:PostgreSQL} write-ahead log grew for {days} days until the primary stopped accepting writes",
        ],
        setup: &[
            "The primary database behind {svc} is {t:PostgreSQL}. Weeks earlier, a change-data-capture tool had been trialled and then abandoned, leaving its logical replication slot behind.",
        ],
        trigger: "A replication slot forces the server to keep write-ahead log until the consumer reads it. With no consumer, the log grew by several gigabytes a day for {days} days. {When}, the data volume reached 100% and the database stopped accepting writes.",
        response: "{Oncall} found the full disk within minutes, but the first instinct, deleting old log files by hand, was stopped by {lead} because it would have corrupted the database. Instead, the slot was dropped and the volume was expanded, after which the server recycled the log on its own.",
        resolution: "Writes were restored {dur} after they stopped. The disk alert existed but had been set at 95% on a volume of {gb} GB, which left little time at the growth rate.",
        nm_title: "Abandoned replication slot found holding {gb} GB of write-ahead log",
        nm_body: "A capacity review noticed the data volume of the {t:PostgreSQL} primary growing steadily while table sizes were flat. {Lead} found an inactive logical replication slot from an abandoned trial holding weeks of write-ahead log and dropped it.",
        nm_detection: "A capacity review comparing volume growth with table growth.",
        impact: "For {dur}, {svc} could not save any changes; {users} saw errors on every action that wrote data.",
        symptom: "write errors and a data volume at 100%",
        lessons: &[
            "Inactive replication slots are a slow-burning disk incident.",
            "The obvious fix for a full database disk, deleting log files, is the one that corrupts the database.",
            "Disk alerts should be based on time to full, not on a fixed percentage.",
        ],
        actions: &[
            "Alert on inactive replication slots and on retained log size.",
            "Set a maximum retained log size for slots.",
            "Replace percentage-based disk alerts with a forecast of time to full.",
        ],
        factors: &["unacknowledged-warning", "monitoring-gap", "documentation"],
        also: &["replication-failover"],
    },
    Scenario {
        pattern: "disk-full",
        industries: ANY,
        titles: &[
            "Debug logging left on filled the root disks of every host behind {svc}",
            "Log volume explosion took {svc} nodes read-only for {dur}",
        ],
        setup: &[
            "{Svc} runs on {linux} hosts with a small root volume. Logs go to local files rotated daily by `logrotate` and to the {t:systemd} journal.",
        ],
        trigger: "During an investigation the day before, debug logging had been enabled to chase a bug and never switched back. Log volume grew by a factor of {factor}. {When}, the root volumes filled on most hosts within the same hour, and the service failed to write its temporary files.",
        response: "{Oncall} saw writes failing and hosts reporting `No space left on device`. Deleting rotated logs freed space briefly, but the active log kept growing. {Lead} switched the log level back through configuration management and restarted the service host by host.",
        resolution: "{Svc} recovered {dur} after the first host filled. The runbook for debugging sessions did not mention turning debug logging back off.",
        nm_title: "Debug logging left enabled on {svc} caught by a disk growth alert",
        nm_body: "A disk growth alert fired on several hosts of {svc} in the same hour. {Oncall} found debug logging still enabled from a previous investigation and reverted it; the disks were at about {high_pct} when the growth stopped.",
        nm_detection: "An alert on the rate of disk growth, rather than on disk usage.",
        impact: "For {dur}, {pct} of requests to {svc} failed as hosts ran out of space.",
        symptom: "hosts reporting no space left on device",
        lessons: &[
            "Temporary changes made during debugging need an expiry.",
            "Logging is a resource that can exhaust disk like any other workload.",
            "Rotation by time does not protect against growth by volume.",
        ],
        actions: &[
            "Make debug log level expire automatically after a few hours.",
            "Rotate logs by size as well as by time and cap journal disk usage.",
            "Alert on disk growth rate, not only on usage.",
        ],
        factors: &["missing-procedure", "fatigue", "monitoring-gap"],
        also: &["config-change"],
    },
    Scenario {
        pattern: "disk-full",
        industries: &["energy", "manufacturing"],
        titles: &[
            "Historian disk full: {n} days of process data lost from the SCADA archive",
            "{T:SCADA} historian on {os} stopped archiving for {dur} when its disk filled",
        ],
        setup: &[
            "The {t:SCADA} system at {org} archives process values to a historian server running {os}. Old data is supposed to be moved to long-term storage by a weekly job.",
        ],
        trigger: "The weekly archive job had been failing since a password change on the storage share. The historian's disk filled over {weeks} weeks, and {when} the historian stopped accepting new values. The {t:HMI} screens still showed live values, so operations continued normally.",
        response: "{Front} noticed that the trend for a tank level stopped at a fixed time and reported it. {Oncall} found the full disk, moved old archive files to a temporary share by hand and restarted the collector, with the control room's agreement.",
        resolution: "Archiving resumed {dur} after it had stopped. The gap could be partly filled from controller buffers, but {n} days of some tags were lost, which affected regulatory reporting.",
        nm_title: "Historian disk at {high_pct} found during a routine check of the {t:SCADA} servers",
        nm_body: "During a routine monthly check of the {t:SCADA} servers, {oncall} found the historian's disk nearly full and the weekly archive job failing since a password change. The job was fixed and space freed before archiving stopped.",
        nm_detection: "A manual monthly check of the control system servers.",
        impact: "Historical data for {dur} was missing or incomplete; live control was not affected, but regulatory reports for the period had to be annotated.",
        symptom: "a trend that stopped updating at a fixed time",
        lessons: &[
            "A failing housekeeping job turns into a disk incident weeks later.",
            "Live screens hide archiving failures; archiving needs its own health signal.",
            "Password changes on shared accounts break jobs nobody remembers.",
        ],
        actions: &[
            "Monitor the archive job's result and the historian's disk from the central monitoring.",
            "Replace the shared account used by the archive job with a dedicated one and document it.",
            "Add an alarm when archived data is older than a set threshold.",
        ],
        factors: &["monitoring-gap", "documentation", "communication-breakdown"],
        also: &["data-corruption"],
    },
    Scenario {
        pattern: "disk-full",
        industries: ANY,
        titles: &[
            "Inode exhaustion on {container} hosts stopped new deployments of {svc}",
            "Disk full with space to spare: millions of small files exhausted inodes under {svc}",
        ],
        setup: &[
            "{Svc} runs in containers on {container} hosts. Build and deploy jobs pull images frequently, and session data was stored as small files on the host.",
        ],
        trigger: "The disk usage graph showed {low_pct} used, so nobody worried. But millions of tiny session files and unused image layers had consumed every inode. {When}, new containers could not be created and writes failed with `No space left on device` despite the free space.",
        response: "{Oncall} was confused by the contradiction until {lead} ran `df -i`. Pruning unused images and deleting expired session files restored inodes; deployments resumed.",
        resolution: "Service was degraded for {dur}. Session storage was moved to {cache} the following week.",
        nm_title: "Inode usage at {high_pct} on {container} hosts found by a new check",
        nm_body: "A newly added inode usage metric showed several {container} hosts close to exhaustion while their disk usage looked healthy. Image pruning was scheduled and session files were moved off the hosts.",
        nm_detection: "A newly added inode usage metric.",
        impact: "For {dur}, deployments were blocked and {pct} of requests to {svc} that needed a session failed.",
        symptom: "'No space left on device' errors while the disk graph showed free space",
        lessons: &[
            "Disks can run out of inodes as well as bytes.",
            "Session state on local disk makes hosts stateful and fragile.",
            "Unused container images accumulate silently.",
        ],
        actions: &[
            "Monitor inode usage alongside disk usage.",
            "Schedule regular pruning of unused images.",
            "Move session storage to {cache}.",
        ],
        factors: &["monitoring-gap", "training", "unacknowledged-warning"],
        also: &[],
    },
    // ----- replication-failover -----
    Scenario {
        pattern: "replication-failover",
        industries: ANY,
        titles: &[
            "Automatic failover promoted a lagging replica and lost {n} minutes of writes",
            "{Sql} failover during a network blip lost committed transactions",
        ],
        setup: &[
            "The primary database of {svc} is {sql} with two asynchronous replicas. An automatic failover manager promotes a replica if the primary stops responding for 30 seconds, using {coord} to agree on the leader.",
        ],
        trigger: "{When}, a heavy batch job made one replica fall several minutes behind. Shortly after, a brief network problem isolated the primary, and the failover manager promoted the only replica it could reach: the lagging one. Writes committed on the old primary but not yet replicated were lost from the new timeline.",
        response: "{Oncall} saw the failover alert and initially considered it a success. Reports from {users} about missing recent changes came in over the next hour. {Lead} recovered the missing transactions from the old primary's log and replayed them after checking for conflicts.",
        resolution: "Most of the lost writes were recovered; {n} could not be replayed automatically and were fixed by hand. The incident lasted {dur} from failover to reconciliation.",
        nm_title: "{Sql} failover test showed the manager would promote a replica {mins} minutes behind",
        nm_body: "A planned failover test in staging ran while a batch job was loading data. The failover manager promoted a replica that was minutes behind, losing the test writes. The maximum-lag setting for promotion was added before the same happened in production.",
        nm_detection: "A planned failover test in staging under realistic write load.",
        impact: "Writes from {users} during a window of several minutes were lost and had to be reconciled; reconciliation took {dur}.",
        symptom: "a failover followed by reports of missing recent changes",
        lessons: &[
            "Automatic failover to an asynchronous replica trades availability for data loss; that trade should be explicit.",
            "A successful failover alert does not mean no data was lost.",
            "Failover tests need realistic write load to be meaningful.",
        ],
        actions: &[
            "Configure a maximum replication lag beyond which a replica is not eligible for promotion.",
            "Alert on replication lag of each replica, not only on availability.",
            "Run failover tests under write load every quarter.",
        ],
        factors: &["monitoring-gap", "documentation", "training"],
        also: &["network-partition", "data-corruption"],
    },
    Scenario {
        pattern: "replication-failover",
        industries: ANY,
        titles: &[
            "Split brain: two {t:Redis} primaries accepted writes for {dur}",
            "Sentinel quorum misconfiguration left {svc} with two primaries",
        ],
        setup: &[
            "{Svc} uses {t:Redis} with one primary and two replicas, monitored by three sentinel processes that elect a new primary when a quorum agrees the old one is down.",
        ],
        trigger: "Two of the sentinels ran on the same host as the replicas. {When}, a network problem separated the primary's host from the others. The sentinels promoted a replica, but the old primary kept serving clients on its side of the network, and both accepted writes.",
        response: "{Oncall} saw conflicting data reported by {users}. {Lead} realised there were two primaries and chose the one with the most recent writes as the survivor. The other was demoted, and keys written to it during the split were compared and copied where possible.",
        resolution: "The split lasted {dur}. The review found the sentinels' placement had been chosen for convenience when the cluster was built.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {users} saw inconsistent data depending on which primary served them; some updates were lost.",
        symptom: "conflicting values for the same keys",
        lessons: &[
            "Quorum is only meaningful if the voters fail independently.",
            "A primary that cannot see a quorum should stop accepting writes.",
            "Split brain is usually a placement problem before it is a software problem.",
        ],
        actions: &[
            "Move the sentinels to independent hosts in separate failure domains.",
            "Configure the primary to refuse writes when it cannot reach enough replicas.",
            "Add a check that alerts when more than one node reports itself as primary.",
        ],
        factors: &["documentation", "change-management", "monitoring-gap"],
        also: &["network-partition"],
    },
    Scenario {
        pattern: "replication-failover",
        industries: ANY,
        titles: &[
            "Read replica lag showed {users} stale data for {dur}",
            "Replica {hours} hours behind served stale results on {svc}",
        ],
        setup: &[
            "Read traffic for {svc} goes to {sql} read replicas, while writes go to the primary. The application assumes replicas are seconds behind at most.",
        ],
        trigger: "{When}, a large data migration on the primary generated more change than the replicas could apply. Lag grew to {hours} hours. {Users} made changes, then saw the old values, and some repeated their changes, creating duplicates.",
        response: "{Oncall} saw the rising lag alert but was not sure of its impact. Complaints from {users} made it clear. Reads were switched to the primary temporarily, and the migration was paused to let the replicas catch up.",
        resolution: "Replicas caught up {dur} after the migration began. Duplicate changes had to be cleaned up by a script.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {pct} of {users} saw out-of-date data; some made duplicate changes.",
        symptom: "replication lag climbing steadily",
        lessons: &[
            "Replica lag is a correctness problem for users, not only a performance metric.",
            "Large migrations need to be throttled to what replicas can apply.",
            "Applications should know how stale a read can be and route accordingly.",
        ],
        actions: &[
            "Route reads to the primary automatically when replica lag exceeds a threshold.",
            "Throttle migrations on replica lag.",
            "Read your own writes from the primary for a short time after each write.",
        ],
        factors: &["change-management", "unacknowledged-warning", "communication-breakdown"],
        also: &["data-corruption"],
    },
    Scenario {
        pattern: "replication-failover",
        industries: &["finance", "government"],
        titles: &[
            "Disaster recovery exercise caused an outage of {dur} when failback stalled",
            "Failback after a disaster recovery exercise split {svc} across two sites for {dur}",
        ],
        setup: &[
            "{Org} runs a yearly disaster recovery exercise, switching {svc} from the primary to the secondary data centre, including the {t:mainframe} batch processing with {t:CICS} and {t:Db2}.",
        ],
        trigger: "The switchover worked, but on failback several clients kept pointing at the secondary site because of cached name resolution and a hard-coded connection string in one batch job. Transactions split across sites, and the batch reconciliation failed.",
        response: "{Ic} halted the exercise. {Oncall} identified the clients still connected to the secondary and moved them by hand; the hard-coded connection string was found in a job that had not been touched in years.",
        resolution: "Normal service was restored {dur} after failback began; reconciliation of the split transactions took a further day.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {svc} was unavailable or inconsistent; {users} saw delayed processing.",
        symptom: "batch reconciliation failures after failback",
        lessons: &[
            "Failback is harder than failover and usually less practised.",
            "Hard-coded connection details defeat site switchover.",
            "Exercises that find problems are successful exercises, as long as they have a stop rule.",
        ],
        actions: &[
            "Search all job definitions for hard-coded connection details and replace them.",
            "Include failback in the exercise plan with its own verification steps.",
            "Define a stop rule and a rollback plan for each exercise step.",
        ],
        factors: &["documentation", "missing-procedure", "communication-breakdown"],
        also: &["dns"],
    },
    // ----- cache-stampede -----
    Scenario {
        pattern: "cache-stampede",
        industries: ANY,
        titles: &[
            "{Cache} flush during a deploy sent the full load to {sql} and took {svc} down for {dur}",
            "Cold cache after a {cache} restart overwhelmed the primary database",
        ],
        setup: &[
            "{Svc} keeps computed pages and query results in {cache}, which absorbs the vast majority of reads: the hit ratio is normally above 95%. The database behind it, {sql}, had never been sized to serve the full read load.",
            "Reads for {svc} are served from {cache} with a fall-back to {sql} on a miss. Nobody had measured what the database would do if the cache were empty.",
        ],
        trigger: "A deploy {when} included a change to the cache key format, which effectively emptied the cache. Every request became a miss and went to the database at once. {Sql} CPU went to 100%, queries queued, and requests that would have refilled the cache timed out before they could.",
        response: "{Oncall} saw database saturation and first looked for a bad query. {Lead} noticed the hit ratio at almost zero. The team rolled back the key change, which did not help because the old keys had expired meanwhile, and then rate-limited traffic at {proxy} so that the cache could warm up gradually.",
        resolution: "The cache warmed and latency recovered {dur} after the deploy. The fix added request coalescing so that only one request per key goes to the database on a miss.",
        nm_title: "{Cache} key format change for {svc} caught in staging when {sql} load spiked",
        nm_body: "In staging, a change to the {cache} key format caused database CPU to spike to 100% after deploy. {Lead} recognised a cold-cache stampede and the change was reworked to read old keys during a transition period.",
        nm_detection: "Staging load test showing database CPU spiking after a deploy.",
        impact: "For {dur}, {svc} was unavailable or very slow for {pct} of {users}.",
        symptom: "cache hit ratio near zero and database CPU at 100%",
        lessons: &[
            "The database behind a cache must either survive a cold cache or be protected from it.",
            "Changing cache keys is equivalent to flushing the cache.",
            "Request coalescing prevents a stampede from becoming an outage.",
        ],
        actions: &[
            "Add request coalescing on cache misses in {svc}.",
            "Add an admission limit on database queries from the cache-miss path.",
            "Treat cache key changes as risky changes with a warm-up plan.",
        ],
        factors: &["change-management", "monitoring-gap", "documentation"],
        also: &["capacity-overload", "bad-deploy"],
    },
    Scenario {
        pattern: "cache-stampede",
        industries: ANY,
        titles: &[
            "Synchronised TTL expiry every hour sent a spike of {factor}x load to {sql}",
            "Cache entries set with identical TTLs expired together and overwhelmed {svc}",
        ],
        setup: &[
            "{Svc} warms its {cache} entries in a job that runs at start-up and sets every key with the same TTL of {ttl} seconds. On a miss, values are recomputed from {sql}.",
        ],
        trigger: "After a fleet-wide restart {when}, every key was set at the same moment and therefore expired at the same moment. At each expiry, the database received {factor} times the normal load for a minute. As traffic grew during the day, one of these spikes tipped the database over, and the resulting slow queries kept the keys from being refilled.",
        response: "{Oncall} saw database load spiking at exact intervals, which {lead} connected to the TTL. Adding random jitter to TTLs was deployed as a hotfix; meanwhile the cache was warmed again by a throttled script.",
        resolution: "The database recovered {dur} after the first failed spike; with jitter, expiries spread evenly.",
        nm_title: "Hourly {sql} load spikes traced to synchronised {cache} expiry of {ttl}-second TTLs",
        nm_body: "A review of database load showed sharp spikes at exact intervals since a fleet restart. {Lead} traced them to identical TTLs in {cache} and added jitter before the spikes reached the database's limits.",
        nm_detection: "A routine review of database load graphs.",
        impact: "For {dur}, {pct} of requests to {svc} failed during the spikes.",
        symptom: "database load spiking at exact intervals",
        lessons: &[
            "Identical TTLs turn a restart into a scheduled stampede.",
            "Periodic spikes at exact intervals usually have a timer behind them.",
            "Jitter is cheap and should be the default.",
        ],
        actions: &[
            "Add random jitter to all cache TTLs.",
            "Serve stale values while refreshing in the background.",
            "Stagger fleet restarts.",
        ],
        factors: &["unacknowledged-warning", "training", "documentation"],
        also: &["capacity-overload"],
    },
    Scenario {
        pattern: "cache-stampede",
        industries: &["retail", "media", "software"],
        titles: &[
            "A full {cdn} purge before a launch sent every request for {svc} to the origin",
            "Purge-all on {cdn} during a product launch overwhelmed {svc} for {dur}",
        ],
        setup: &[
            "{Svc} is served through {cdn}. The origin is sized for the small share of requests the edge does not serve.",
        ],
        trigger: "Minutes before a launch {when}, an editor noticed an outdated image and, to be safe, used the purge-all function. Every edge location then fetched from the origin at once, just as launch traffic arrived.",
        response: "{Oncall} saw the origin saturate. Serving stale content on error was enabled at the edge, and the origin was scaled out. The purge-all button was removed from the editor's role the same day.",
        resolution: "The origin recovered {dur} after the purge, once the edge caches had refilled.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {pct} of {users} saw errors or very slow pages during the launch.",
        symptom: "origin saturation right after a purge",
        lessons: &[
            "A full purge is a cold-cache event for the origin.",
            "Targeted purges are almost always enough.",
            "Serving stale content on error protects the origin.",
        ],
        actions: &[
            "Restrict purge-all to the on-call engineer.",
            "Enable serve-stale on error and origin shielding at the edge.",
            "Provide a targeted purge in the editorial tool.",
        ],
        factors: &["error-prone-tooling", "time-pressure", "training"],
        also: &["capacity-overload"],
    },
    // ----- data-corruption -----
    Scenario {
        pattern: "data-corruption",
        industries: ANY,
        titles: &[
            "Double-encoded text corrupted {big} records in {svc} over {days} days",
            "Character encoding bug in a {lang} upgrade silently mangled non-ASCII names in {db}",
        ],
        setup: &[
            "{Svc} stores free-text fields in {db}. A runtime upgrade to {lang} changed the default character encoding of one database driver setting.",
        ],
        trigger: "After the upgrade, text containing accented characters was encoded twice on write. Nothing failed; the data was simply wrong, and {users} with non-ASCII names or addresses started seeing garbled text. For {days} days, no error was logged.",
        response: "{Front} reported garbled names; {oncall} reproduced it and found the encoding setting. The driver was fixed, but the records written in the meantime stayed corrupted. {Lead} wrote a repair script that detected and reversed double encoding, tested it on a copy and ran it in batches.",
        resolution: "New writes were fixed within hours; the repair of existing records completed {dur} after detection. A small number of records could not be repaired automatically and were fixed by hand.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "About {big} records were corrupted over {days} days; {users} saw garbled text, and some official documents generated in that period had to be reissued.",
        symptom: "garbled accented characters",
        lessons: &[
            "Silent corruption is worse than failure because it accumulates.",
            "Runtime upgrades can change defaults that nobody set explicitly.",
            "Test data should include non-ASCII text.",
        ],
        actions: &[
            "Set the character encoding explicitly everywhere rather than relying on defaults.",
            "Add round-trip tests with non-ASCII data.",
            "Add a data quality check for double-encoded text.",
        ],
        factors: &["monitoring-gap", "change-management", "documentation"],
        also: &["bad-deploy"],
    },
    Scenario {
        pattern: "data-corruption",
        industries: &["finance", "government"],
        titles: &[
            "Floating-point rounding in a migrated batch job misstated interest for {big} accounts",
            "Batch job rewritten from {t:COBOL} used binary floating point and misstated {big} balances",
        ],
        setup: &[
            "A nightly interest calculation at {org} was rewritten from {t:COBOL} on the {t:mainframe} to {lang}. The old program used fixed-point decimal arithmetic; the new one used floating point.",
        ],
        trigger: "The difference was a fraction of a cent per account per day, too small for the parallel-run comparison, which tolerated small differences. Over {weeks} weeks it accumulated to visible amounts for some {users}.",
        response: "{Front} noticed a discrepancy while reconciling a general ledger account and escalated. {Oncall} traced it to the rounding. The job was changed to decimal arithmetic, and a correction run was prepared.",
        resolution: "Balances for {big} accounts were corrected {dur} after detection, and {users} were notified where the amounts were above a threshold.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "{Big} accounts had incorrect balances by small amounts; corrections and notifications took {dur}.",
        symptom: "a small discrepancy in a ledger reconciliation",
        lessons: &[
            "Never use binary floating point for money.",
            "Parallel-run tolerances must be tighter than the error you care about.",
            "Small errors accumulate.",
        ],
        actions: &[
            "Use decimal arithmetic in all financial calculations and enforce it with a linter.",
            "Compare parallel-run outputs exactly for monetary fields.",
            "Add a daily reconciliation check of totals.",
        ],
        factors: &["training", "change-management", "time-pressure"],
        also: &["bad-deploy"],
    },
    Scenario {
        pattern: "data-corruption",
        industries: &["healthcare"],
        titles: &[
            "{T:HL7} interface mapping swapped units on lab results for {dur}",
            "Lab results displayed with the wrong unit after an {t:HL7} interface change",
        ],
        setup: &[
            "Lab results arrive at {ehr} through the integration engine, which maps {t:HL7} messages from the laboratory system. A laboratory analyser upgrade changed the unit field for one test.",
        ],
        trigger: "The interface mapping was updated for the new unit code, but the conversion factor was applied twice. Results for one test were displayed at a value ten times lower than measured, within what looked like a normal range.",
        response: "{Front} questioned a result that did not match the patient's clinical picture and asked the lab to re-run it. The lab confirmed the original value. {Oncall} found the double conversion and fixed the mapping.",
        resolution: "The mapping was fixed {dur} after the first report. Every affected result was corrected in the record, and clinicians responsible for each patient were informed.",
        nm_title: "Double unit conversion in an {t:HL7} lab interface caught in validation testing",
        nm_body: "Validation testing of the interface change ran sample results through the mapping and compared them with the analyser's printout. {Lead} noticed that one test came out ten times too low, and the double conversion was fixed before go-live.",
        nm_detection: "Pre-go-live validation comparing interface output with the analyser's printout.",
        impact: "For {dur}, results for one test were wrong for {n} patients; all were reviewed and no harm was found.",
        symptom: "a lab value that did not match the clinical picture",
        lessons: &[
            "Interface changes need end-to-end validation with real sample values.",
            "A clinician's doubt is a valuable signal.",
            "Wrong values within a normal range are hard to spot.",
        ],
        actions: &[
            "Require end-to-end validation with sample values for every interface change.",
            "Add automated plausibility checks on result distributions per test.",
            "Document interface mappings with their conversion factors.",
        ],
        factors: &["missing-procedure", "communication-breakdown", "documentation"],
        also: &["config-change"],
    },
    Scenario {
        pattern: "data-corruption",
        industries: ANY,
        titles: &[
            "Restore test found {weeks} weeks of empty {sql} backups",
            "Backups of {svc} had been silently empty for {weeks} weeks",
        ],
        setup: &[
            "Backups of the {sql} database behind {svc} run nightly and are uploaded to {objstore}. The backup job reported success every night.",
        ],
        trigger: "A permissions change on the database {weeks} weeks earlier made the backup user unable to read most tables. The dump tool wrote an almost empty file and exited with success. Nobody had restored a backup since.",
        response: "During an incident {when}, the team tried to restore a table and found the backup nearly empty. {Oncall} checked older backups and found the same. The table was recovered from a replica instead, which happened to be intact.",
        resolution: "The immediate problem was solved {dur} later. Backups were fixed the same day and a restore test was added.",
        nm_title: "Quarterly restore test found {weeks} weeks of empty backups",
        nm_body: "A quarterly restore test of the {sql} database behind {svc} produced an almost empty database. The backup user had lost read permissions {weeks} weeks earlier, and the dump tool had exited with success regardless. Permissions were fixed and a full backup taken the same day.",
        nm_detection: "A scheduled quarterly restore test.",
        impact: "Restoring from backup was impossible for {weeks} weeks; recovery relied on an intact replica.",
        symptom: "a restore that produced an almost empty database",
        lessons: &[
            "A backup that has not been restored is a hope, not a backup.",
            "Exit codes are not proof of a successful backup.",
            "Permissions changes can break jobs silently.",
        ],
        actions: &[
            "Run an automated restore test of every backup and check row counts.",
            "Alert when backup size changes sharply.",
            "Give the backup user a dedicated role that permission changes cannot affect by accident.",
        ],
        factors: &["monitoring-gap", "unacknowledged-warning", "change-management"],
        also: &["human-procedure"],
    },
    // ----- destructive-command -----
    Scenario {
        pattern: "destructive-command",
        industries: ANY,
        titles: &[
            "`TRUNCATE` meant for staging emptied a table of {big} rows in the production {sql} database",
            "Staging cleanup command ran in the production terminal and emptied a table of {svc}",
        ],
        setup: &[
            "Engineers at {org} connect to {sql} from their workstations through a bastion. Production and staging connections look identical in the terminal apart from the port number.",
        ],
        trigger: "{When}, an engineer preparing test data opened several terminal tabs. A command to empty a table, meant for staging, was pasted into the production tab. The table held {big} rows used by {svc}.",
        response: "The engineer noticed the mistake immediately and raised it. {Ic} declared an incident. {Lead} restored the table from the latest backup into a separate schema, then replayed changes since the backup from the write-ahead log, and finally swapped it in.",
        resolution: "{Svc} was degraded for {dur}. The engineer's openness was essential: without the immediate report, recovery would have been much harder.",
        nm_title: "Destructive command pasted into a production {sql} session stopped by a read-only default",
        nm_body: "An engineer pasted a command to empty a table, meant for staging, into a production session. The session had recently been made read-only by default, and the command failed with a permission error. The engineer reported the near miss so others could learn from it.",
        nm_detection: "A read-only default on production database sessions blocked the command.",
        impact: "For {dur}, {svc} was missing data; {users} saw empty results or errors.",
        symptom: "empty results for a core table",
        lessons: &[
            "Production should look different from staging.",
            "Human access to production databases should default to read-only.",
            "Reporting a mistake immediately is the most valuable thing a person can do.",
        ],
        actions: &[
            "Make production sessions read-only by default with an explicit elevation step.",
            "Colour production terminal prompts differently.",
            "Practise point-in-time recovery quarterly.",
        ],
        factors: &["error-prone-tooling", "fatigue", "time-pressure"],
        also: &["human-procedure"],
    },
    Scenario {
        pattern: "destructive-command",
        industries: ANY,
        titles: &[
            "`kubectl delete namespace` against the wrong context removed {svc} from production",
            "Namespace deletion meant for a test cluster took {svc} offline for {dur}",
        ],
        setup: &[
            "Engineers manage {orch} clusters with `kubectl`, switching between contexts for test and production. Manifests for {svc} are deployed by {ci}.",
        ],
        trigger: "{When}, an engineer cleaning up a test cluster ran a namespace deletion. The current context was production, left over from an earlier task. Every deployment, service and secret of {svc} was deleted.",
        response: "{Oncall} saw {svc} disappear from monitoring. The engineer recognised the mistake and raised it. Redeploying from {ci} recreated most resources, but secrets that had been created by hand had to be reconstructed from {secrets}.",
        resolution: "{Svc} was restored {dur} after the deletion. The hand-created secrets were the slowest part.",
        nm_title: "Deletion of the production namespace of {svc} on {orch} blocked by an admission policy",
        nm_body: "An engineer cleaning up a test cluster ran a namespace deletion while the current context was production. A recently added admission policy rejected deletion of protected namespaces, and the engineer reported the near miss.",
        nm_detection: "An admission policy rejected deletion of a protected namespace.",
        impact: "{Svc} was unavailable for {dur}; all {users} were affected.",
        symptom: "the service disappearing from monitoring",
        lessons: &[
            "The current context is invisible state that causes wrong-target mistakes.",
            "Everything needed to rebuild a service should be in version control.",
            "Deletion of production namespaces should require more than one command.",
        ],
        actions: &[
            "Add an admission policy that blocks deletion of protected namespaces.",
            "Show the current context in the shell prompt.",
            "Move hand-created secrets into {secrets} and reference them from manifests.",
        ],
        factors: &["error-prone-tooling", "documentation", "fatigue"],
        also: &["human-procedure"],
    },
    Scenario {
        pattern: "destructive-command",
        industries: &["energy", "manufacturing"],
        titles: &[
            "{T:PLC} program downloaded to the wrong controller stopped a running line",
            "Logic download to the wrong {t:PLC} halted production for {dur}",
        ],
        setup: &[
            "{Org} has several identical lines, each controlled by a {t:PLC}. Engineers download logic changes from an engineering workstation; controllers are listed by a name that differs in a single digit.",
        ],
        trigger: "{When}, a change intended for a line that was stopped for maintenance was downloaded to the controller of a running line. The controller stopped to accept the new program, and the line halted mid-cycle.",
        response: "{Front} saw the line stop and triggered the stop procedure. {Oncall} realised the mistake, downloaded the correct program back to the controller and, with the line supervisor, restarted the line after clearing partially processed product.",
        resolution: "The line was back in production {dur} after the stop. The product in process was scrapped.",
        nm_title: "Logic download to a running {t:PLC} stopped by the new confirmation step",
        nm_body: "An engineer selected the controller of a running line instead of the one in maintenance. The engineering workstation now required confirming the line's running state, and the engineer stopped. Nothing was downloaded.",
        nm_detection: "A confirmation step in the engineering workstation showing the controller's running state.",
        impact: "A production line stopped for {dur}; product in process was scrapped.",
        symptom: "a running line stopping mid-cycle",
        lessons: &[
            "Names that differ by one character invite wrong-target mistakes.",
            "Online changes to controllers need confirmation of which controller is targeted.",
            "A running line should show its state at the point of change.",
        ],
        actions: &[
            "Rename controllers with clearly distinct names and physical labels.",
            "Require confirmation of the controller's running state before download.",
            "Restrict download rights on running lines to a permit-to-work process.",
        ],
        factors: &["error-prone-tooling", "missing-procedure", "time-pressure"],
        also: &["human-procedure"],
    },
    Scenario {
        pattern: "destructive-command",
        industries: ANY,
        titles: &[
            "Lifecycle rule meant for logs deleted production files from {objstore}",
            "Storage lifecycle rule with an empty prefix expired every object in a bucket used by {svc}",
        ],
        setup: &[
            "{Svc} stores documents in {objstore}. Log files in the same bucket are supposed to expire after {days} days through a lifecycle rule managed by {iac}.",
        ],
        trigger: "A change to the lifecycle rule removed its prefix filter by mistake. The rule then applied to every object in the bucket. {When}, the provider began expiring documents older than {days} days.",
        response: "{Front} reported missing documents. {Oncall} found the rule and reverted it. Object versioning was enabled on the bucket, so deleted objects could be restored from previous versions, which {lead} scripted.",
        resolution: "Documents were restored {dur} after the first report. Without versioning, they would have been lost.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {pct} of documents were missing for {users}.",
        symptom: "missing documents",
        lessons: &[
            "Lifecycle rules are destructive commands on a delay.",
            "Versioning turns a deletion from a disaster into an inconvenience.",
            "Mixing logs and production data in one bucket increases blast radius.",
        ],
        actions: &[
            "Separate logs and documents into different buckets.",
            "Require a non-empty prefix in lifecycle rules through a policy check.",
            "Keep versioning enabled on every bucket with production data.",
        ],
        factors: &["change-management", "error-prone-tooling", "documentation"],
        also: &["config-change"],
    },
    // ----- clock-time -----
    Scenario {
        pattern: "clock-time",
        industries: ANY,
        titles: &[
            "Clock skew on {n} hosts made {svc} reject valid tokens for {dur}",
            "{T:NTP} misconfiguration after a reimage caused token validation failures",
        ],
        setup: &[
            "{Svc} validates signed tokens, including their not-before and expiry times, with a tolerance of 30 seconds. Hosts synchronise their clocks with {t:NTP}.",
        ],
        trigger: "A batch of hosts reimaged {when} received an image without the time synchronisation configuration. Their clocks drifted by more than a minute over several days. Tokens issued by other hosts appeared to be from the future and were rejected.",
        response: "{Oncall} saw authentication errors from a subset of hosts. {Lead} compared their clocks with a reference and found the skew. Time sync was restored, and clocks were stepped after draining each host.",
        resolution: "Errors stopped {dur} after the first report.",
        nm_title: "Clock drift on {n} reimaged hosts found by a new {t:NTP} skew alert",
        nm_body: "A newly added alert on clock offset fired for a batch of recently reimaged hosts. The image lacked the time synchronisation configuration. The hosts were fixed before the drift exceeded the token tolerance of {svc}.",
        nm_detection: "A new alert on clock offset against a reference.",
        impact: "For {dur}, {pct} of requests to {svc} failed with authentication errors.",
        symptom: "authentication errors from a subset of hosts",
        lessons: &[
            "Clock sync is a dependency of security, not just of logging.",
            "Images must include time sync configuration and a check that it works.",
            "Monitor clock offset on every host.",
        ],
        actions: &[
            "Add clock offset monitoring to every host.",
            "Add a boot-time check that refuses to join the pool when the clock offset is large.",
            "Include time sync in the image test suite.",
        ],
        factors: &["monitoring-gap", "change-management", "documentation"],
        also: &["security-incident"],
    },
    Scenario {
        pattern: "clock-time",
        industries: ANY,
        titles: &[
            "Daylight saving change ran a billing job twice and charged {big} {users} twice",
            "A billing job scheduled in local time ran twice when clocks went back and double-charged {big} {users}",
        ],
        setup: &[
            "A nightly billing job for {svc} is a {lang} program scheduled with cron in local time at an early-morning hour, on hosts running {linux}.",
        ],
        trigger: "{When}, clocks went back for daylight saving and the scheduled hour happened twice. The job ran twice and, without an idempotency check, wrote the same records to {sql} twice.",
        response: "{Front} noticed duplicate entries and escalated. {Oncall} confirmed the double run and stopped further processing. {Lead} wrote a reversal script for the duplicates.",
        resolution: "The duplicates were reversed {dur} after detection.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "About {big} {users} were affected by duplicate processing, reversed within {dur}.",
        symptom: "duplicate entries",
        lessons: &[
            "Schedule jobs in UTC.",
            "Jobs should be idempotent per business day, not per run.",
            "Daylight saving changes are predictable and testable.",
        ],
        actions: &[
            "Move all scheduled jobs to UTC.",
            "Add an idempotency key per business day to the job.",
            "Add a daylight saving test case to the scheduler test suite.",
        ],
        factors: &["documentation", "training", "missing-procedure"],
        also: &["data-corruption"],
    },
    Scenario {
        pattern: "clock-time",
        industries: &["aviation"],
        titles: &[
            "GPS week rollover in a receiver firmware degraded {t:ADS-B} position integrity on part of the fleet",
            "{T:ADS-B} Out reported degraded integrity after a GPS time bug",
        ],
        setup: &[
            "{Org} operates aircraft whose {t:ADS-B} Out transmitters take position and time from a GPS receiver. A firmware version in some receivers handled the GPS week counter incorrectly.",
        ],
        trigger: "When the week counter reached a value the firmware did not expect, receivers computed a wrong date, and position integrity figures reported by {t:ADS-B} Out degraded. Air traffic control saw the degraded integrity and some aircraft lost access to airspace requiring it.",
        response: "{Front} received a message from air traffic control about degraded integrity. The maintenance controller correlated reports across the fleet and found the common firmware version. Affected aircraft were restricted until the firmware was updated.",
        resolution: "The fleet was updated over {dur}; {n} flights were rerouted or delayed meanwhile.",
        nm_title: "GPS week rollover bug affecting {t:ADS-B} on {n} aircraft found ahead of the rollover",
        nm_body: "The maintenance engineering team reviewed a manufacturer's service bulletin about a GPS week handling bug and found several aircraft with the affected firmware. Updates were scheduled before the counter reached the problematic value.",
        nm_detection: "Review of a manufacturer's service bulletin by maintenance engineering.",
        impact: "{N} flights were rerouted or delayed over {dur}.",
        symptom: "degraded position integrity reported by air traffic control",
        lessons: &[
            "Time rollovers are predictable and should be tracked like expiries.",
            "Service bulletins about time handling deserve priority.",
            "Fleet-wide correlation of reports finds common causes quickly.",
        ],
        actions: &[
            "Track all known time rollovers in equipment firmware with a date for review.",
            "Prioritise service bulletins about time handling.",
            "Share integrity reports between maintenance control and operations automatically.",
        ],
        factors: &["unacknowledged-warning", "communication-breakdown", "documentation"],
        also: &["dependency-failure"],
    },
    Scenario {
        pattern: "clock-time",
        industries: &["healthcare"],
        titles: &[
            "Daylight saving change showed a given dose as missed in {t:barcode medication administration} on {n} wards",
            "Clock change made {ehr} medication schedules show a given dose as overdue on {n} wards",
        ],
        setup: &[
            "Ward nurses at {org} use {t:barcode medication administration} integrated with {ehr}. The schedule is displayed in local time.",
        ],
        trigger: "{When}, clocks went back for daylight saving. For an hourly medication, the schedule showed an extra administration in the repeated hour. One dose given in the first pass of the hour appeared as not given in the second.",
        response: "{Front} noticed the overdue dose, but checked the administration history and saw it had been given an hour earlier by the clock. The charge nurse alerted the other wards.",
        resolution: "The schedule display was corrected within {dur}; the vendor issued a fix later.",
        nm_title: "Repeated hour at the daylight saving change nearly led to a duplicate dose in {t:barcode medication administration}",
        nm_body: "During the repeated hour, a dose given in the first pass showed as due in the second. {Front} checked the administration history before giving it again and found it already given. The charge nurse alerted all wards.",
        nm_detection: "A nurse checked the administration history before giving a dose that looked overdue.",
        impact: "No patient received a duplicate dose; nurses on {n} wards had to check schedules manually for {dur}.",
        symptom: "a dose shown as overdue that had already been given",
        lessons: &[
            "Time changes need to be tested for clinical workflows.",
            "Checking administration history before giving a dose is an important safety step.",
            "Local time on screens should not drive scheduling logic.",
        ],
        actions: &[
            "Brief every ward before each daylight saving change on the repeated or missing hour.",
            "Ask the vendor to display schedules with the UTC offset during transitions.",
            "Add the time change to the clinical systems test calendar.",
        ],
        factors: &["training", "documentation", "communication-breakdown"],
        also: &["human-procedure"],
    },
    // ----- network-partition -----
    Scenario {
        pattern: "network-partition",
        industries: ANY,
        titles: &[
            "Switch firmware upgrade partitioned one zone and broke {coord} quorum for {dur}",
            "Top-of-rack switch failure split the {coord} cluster and froze deploys",
        ],
        setup: &[
            "{Org} runs {coord} with five members across three zones in its data centre. Services rely on it for configuration and leader election.",
        ],
        trigger: "{When}, a firmware upgrade on the top-of-rack switches of one zone went wrong, isolating that zone. Two of the five members were in it; so was a third, placed there by mistake during a hardware refresh. The remaining two could not form a quorum, and every service that needed to write to {coord} stalled.",
        response: "{Oncall} saw leader elections fail across many services. {Lead} found the member placement error. The network team rolled back the firmware on one switch, restoring the zone.",
        resolution: "Quorum returned {dur} after the partition began.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, services could not change leaders or configuration; {svc} was degraded for {pct} of {users}.",
        symptom: "leader elections failing across many services",
        lessons: &[
            "Quorum placement must be verified after hardware changes, not assumed.",
            "Firmware upgrades on network equipment are changes to every service behind it.",
            "Know which services need {coord} to write and which only to read.",
        ],
        actions: &[
            "Add a check that verifies quorum members are spread across zones.",
            "Upgrade switch firmware one switch at a time with a health check between.",
            "Let services keep running on cached configuration when {coord} is unavailable.",
        ],
        factors: &["documentation", "change-management", "communication-breakdown"],
        also: &["config-change"],
    },
    Scenario {
        pattern: "network-partition",
        industries: ANY,
        titles: &[
            "Degraded link between regions left {t:Cassandra} replicas inconsistent for {dur}",
            "Inter-region packet loss caused write timeouts in {t:Cassandra}",
        ],
        setup: &[
            "{Svc} stores data in {t:Cassandra} replicated across two regions. Writes require acknowledgement from a quorum of replicas including the remote region.",
        ],
        trigger: "{When}, the link between regions degraded with heavy packet loss. Writes requiring remote acknowledgement timed out, and clients retried, increasing load on the link further.",
        response: "{Oncall} changed the consistency level to local quorum for writes, accepting eventual consistency across regions. The link was restored by the provider later.",
        resolution: "Write errors stopped within minutes of the consistency change; the partition lasted {dur}, and a repair was run afterwards.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {pct} of writes from {users} failed or timed out.",
        symptom: "write timeouts across regions",
        lessons: &[
            "Consistency levels are a trade-off to decide before the partition, not during.",
            "Degraded links are harder to handle than cut links.",
            "Repair after a partition is part of recovery.",
        ],
        actions: &[
            "Document the consistency level per operation and the partition fallback.",
            "Monitor packet loss between regions.",
            "Schedule repair automatically after long partitions.",
        ],
        factors: &["missing-procedure", "monitoring-gap", "training"],
        also: &["retry-storm"],
    },
    Scenario {
        pattern: "network-partition",
        industries: &["energy"],
        titles: &[
            "Fibre cut isolated {n} substations from {t:SCADA} for {dur}",
            "Loss of communications to {n} remote substations left the control room blind for {dur}",
        ],
        setup: &[
            "{Org} monitors remote substations with {t:SCADA} over {t:DNP3}. Communications run over fibre with a radio backup.",
        ],
        trigger: "{When}, construction work cut the fibre. The radio backup failed to take over for several substations because its configuration had not been updated after an equipment replacement.",
        response: "{Front} saw substations go stale and dispatched field crews. {Oncall} worked on the radio backup, which was restored for most substations within hours.",
        resolution: "Communications were fully restored {dur} after the cut.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {n} substations were not visible to the control room; field crews monitored them manually.",
        symptom: "substations going stale on the SCADA display",
        lessons: &[
            "Backup communications need regular testing.",
            "Equipment replacements must update backup configurations too.",
            "Field crews are the last fallback for visibility.",
        ],
        actions: &[
            "Test the radio backup for every substation twice a year.",
            "Add backup path configuration to the equipment replacement checklist.",
            "Alarm when a backup path is not available.",
        ],
        factors: &["missing-procedure", "monitoring-gap", "documentation"],
        also: &["dependency-failure"],
    },
    Scenario {
        pattern: "network-partition",
        industries: &["transport"],
        titles: &[
            "Carrier routing change cut {n} depots off from {svc} for {dur}",
            "{T:SD-WAN} failover did not trigger and left {n} depots cut off from {svc}",
        ],
        setup: &[
            "Depots at {org} reach {svc}, hosted in two data centres, over an {t:SD-WAN} with a primary {t:MPLS} circuit and an {t:LTE} backup at each site. Drivers and {users} receive their assignments through a mobile app that talks to the depot gateway.",
        ],
        trigger: "{When}, a routing change by the circuit provider black-holed traffic from {n} depots. The circuits stayed up, so the {t:SD-WAN} edge devices, which only failed over on loss of link, kept sending traffic into the void. The depot gateways could not reach {svc}, and the apps showed stale assignments.",
        response: "{Front} noticed that no new assignments had arrived for twenty minutes and called the control centre. {Oncall} confirmed that the circuits were up but passing no traffic, and forced the affected depots onto the {t:LTE} backup by hand. Meanwhile dispatchers switched to radio and paper run sheets.",
        resolution: "All depots were back on their primary circuits {dur} after the routing change, once the provider reverted it. The review found that the failover policy had been configured to test link state, not reachability of {svc}.",
        nm_title: "{T:SD-WAN} failover test showed depots would not switch to backup on a black-holed circuit",
        nm_body: "A failover test at one depot simulated a circuit that stays up but drops traffic. The {t:SD-WAN} edge kept using the broken circuit, because the policy only checked link state. {Oncall} changed the policy to probe reachability of {svc} before any real outage.",
        nm_detection: "A planned failover test simulating a circuit that stays up but passes no traffic.",
        impact: "For {dur}, {n} depots worked without live dispatch; some services ran late and a number of deliveries were re-planned by hand.",
        symptom: "depots receiving no new assignments",
        lessons: &[
            "A link that is up is not a link that works; failover should test reachability.",
            "Paper fallback kept the operation running and must stay current.",
            "Provider changes are a shared risk and need a notification channel.",
        ],
        actions: &[
            "Change the failover policy to probe reachability of {svc} from each depot.",
            "Add an offline mode to the driver app that keeps the last known assignments.",
            "Agree advance notice of routing changes with the circuit provider.",
        ],
        factors: &["monitoring-gap", "communication-breakdown", "missing-procedure"],
        also: &["dependency-failure", "config-change"],
    },
    // ----- retry-storm -----
    Scenario {
        pattern: "retry-storm",
        industries: ANY,
        titles: &[
            "Client retries turned a blip of {mins} seconds on {sql} into an outage of {dur}",
            "Retries without backoff amplified a brief database failover into a long outage of {svc}",
        ],
        setup: &[
            "{Svc} is called by several internal {lang} clients, each configured to retry failed requests {retries} times immediately. Every layer in the call chain had its own retries.",
            "Calls to {svc}, a {lang} service, pass through three layers of services, and each layer retried failed calls {retries} times without delay or jitter.",
        ],
        trigger: "{When}, a routine failover of {sql} made {svc} return errors for a few seconds. Each layer retried, and because retries multiplied across layers, the load on {svc} briefly rose to about {factor} times normal. The database, just promoted and with a cold buffer cache, could not keep up, which produced more errors and more retries.",
        response: "{Oncall} saw the database recover, yet {svc} stayed overloaded. {Lead} recognised the traffic shape: request volume far above what {users} could generate. Shedding load at {proxy} and then restarting clients with retries disabled broke the loop.",
        resolution: "{Svc} recovered {dur} after the initial failover. The review found that the original failure lasted seconds; the retries caused almost all of the impact.",
        nm_title: "Load test showed retries across three layers multiplied a short failure by {factor}",
        nm_body: "A resilience test injected a few seconds of errors into {svc}. Request volume to it jumped to about {factor} times normal because every layer retried. Retry budgets and exponential backoff with jitter were added before a real failure.",
        nm_detection: "A resilience test that injected a short burst of errors.",
        impact: "For {dur}, {pct} of requests to {svc} failed, far longer than the few seconds of the original failure.",
        symptom: "request volume far above normal while the database was healthy",
        lessons: &[
            "Retries at every layer multiply; retry at one layer only.",
            "Retries need exponential backoff with jitter and a budget.",
            "A system can stay down after its cause has gone when the load itself keeps it down.",
        ],
        actions: &[
            "Introduce a retry budget per client and remove retries from intermediate layers.",
            "Use exponential backoff with jitter in all {lang} clients.",
            "Add load shedding at {proxy} that drops excess requests before they reach {svc}.",
        ],
        factors: &["documentation", "training", "monitoring-gap"],
        also: &["capacity-overload", "dependency-failure"],
    },
    Scenario {
        pattern: "retry-storm",
        industries: ANY,
        titles: &[
            "Reconnect storm after a restart kept {svc} down for {dur}",
            "Every mobile client reconnected at once and overwhelmed the login service of {svc}",
        ],
        setup: &[
            "The mobile app of {org} keeps a long-lived connection to {svc} through {proxy}. When the connection drops, the app reconnects after a fixed one-second delay and logs in again.",
        ],
        trigger: "{When}, a routine restart of the connection servers dropped every connection at once. About {big} clients reconnected within the same second, and the login path, which checks credentials against {idp}, was overwhelmed. Failed logins were retried after another second.",
        response: "{Oncall} saw the login service saturated and added capacity, which was consumed instantly. {Lead} proposed rejecting a share of reconnects at {proxy} with a long retry-after header; the mobile app honoured it, and load spread out.",
        resolution: "Connections were re-established {dur} after the restart. A later app release added randomised exponential backoff.",
        nm_title: "Staged restart revealed a reconnect spike large enough to saturate {idp} logins for {svc}",
        nm_body: "During a staged restart of the connection servers, a single server's clients reconnected in a spike that used {pct} of the login service's capacity. {Lead} extrapolated to a full restart and added jitter before anyone restarted all servers at once.",
        nm_detection: "Observation of the reconnect spike during a staged restart.",
        impact: "For {dur}, {pct} of {users} could not use the app.",
        symptom: "the login service saturated by reconnects",
        lessons: &[
            "Fixed retry delays synchronise clients.",
            "Mobile clients cannot be fixed quickly; server-side controls must exist.",
            "Restarts should be staged to avoid mass reconnects.",
        ],
        actions: &[
            "Add randomised exponential backoff to client reconnects.",
            "Support a retry-after response in the connection protocol.",
            "Stage restarts of connection servers.",
        ],
        factors: &["change-management", "documentation", "training"],
        also: &["capacity-overload"],
    },
    Scenario {
        pattern: "retry-storm",
        industries: &["telecom"],
        titles: &[
            "{T:SIP} registration storm after a core restart kept the VoIP platform down for {dur}",
            "Phones re-registering all at once overwhelmed the {t:SIP} registrar",
        ],
        setup: &[
            "The VoIP platform at {org} serves {big} devices that register with the {t:SIP} registrar every few minutes.",
        ],
        trigger: "{When}, a planned restart of the registrar cluster dropped all registrations. Every device re-registered at once, and many retried immediately on timeout. The registrar could not keep up, and the storm sustained itself.",
        response: "{Oncall} rate-limited registrations at the session border controllers. {Ic} approved restoring service region by region.",
        resolution: "Service was restored {dur} after the restart.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {pct} of {users} could not make or receive calls.",
        symptom: "registration failures climbing after a restart",
        lessons: &[
            "A restart of a stateful service is a mass reconnection event.",
            "Rate limiting at the edge protects the core.",
            "Device retry behaviour should be known and documented.",
        ],
        actions: &[
            "Pre-configure registration rate limits at the session border controllers.",
            "Stagger registrar restarts by region.",
            "Document the retry behaviour of every device type in the fleet.",
        ],
        factors: &["missing-procedure", "change-management", "documentation"],
        also: &["capacity-overload"],
    },
    Scenario {
        pattern: "retry-storm",
        industries: &["finance", "retail"],
        titles: &[
            "Payment retries without idempotency keys charged {big} customers twice",
            "Timeouts to the {t:payment gateway} led to {big} duplicate charges through blind retries",
        ],
        setup: &[
            "{Svc} calls the {t:payment gateway} to capture payments. On a timeout, it retried the capture after two seconds, up to {retries} times, without an idempotency key.",
        ],
        trigger: "{When}, the gateway became slow. Captures succeeded but the responses arrived after the client's timeout, so {svc} retried, and each retry also succeeded. Some {users} were charged several times.",
        response: "{Front} saw duplicate charges reported by customers. {Oncall} disabled the retries and started reconciling against the gateway's settlement records.",
        resolution: "Duplicate charges were refunded {dur} after detection.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "About {big} {users} were charged more than once; all were refunded within {dur}.",
        symptom: "customers reporting duplicate charges",
        lessons: &[
            "Retrying a non-idempotent operation is a correctness bug.",
            "A timeout does not mean the operation failed.",
            "Reconciliation against the provider is the source of truth.",
        ],
        actions: &[
            "Send an idempotency key with every capture request.",
            "Check the payment status before retrying after a timeout.",
            "Reconcile captures against settlement daily.",
        ],
        factors: &["documentation", "training", "change-management"],
        also: &["dependency-failure", "data-corruption"],
    },
    Scenario {
        pattern: "retry-storm",
        industries: ANY,
        titles: &[
            "A poison message in {queue} was retried endlessly and stalled {svc} for {dur}",
            "One malformed event blocked the {queue} consumers of {svc} for {dur}",
        ],
        setup: &[
            "{Svc} consumes events from {queue} with a group of {lang} workers. A failed message is retried immediately until it succeeds, because losing an event was considered worse than delaying one.",
            "Events for {svc} flow through {queue}. The consumer retries any message that fails processing, with no limit and no dead-letter destination.",
        ],
        trigger: "{When}, an upstream change produced a single event with a field the consumer could not parse. The worker failed, retried, failed again, and kept retrying thousands of times per minute. Every event queued behind it waited, and the retries flooded the logs and the error tracker in {mon}.",
        response: "{Oncall} saw the backlog climbing while the consumers were busy, and a flat line of identical errors. {Lead} found the offending event, and the team deployed a change that moved unparseable messages to a dead-letter queue after {retries} attempts. The backlog then drained within {mins} minutes.",
        resolution: "Processing was back to normal {dur} after the bad event arrived. The malformed event itself was repaired and replayed by hand.",
        nm_title: "Poison-message test found that one bad event would block the {queue} consumer of {svc} forever",
        nm_body: "A test that injected malformed events into a staging copy of the {queue} queue showed the consumer of {svc} retrying the first bad event indefinitely, blocking everything behind it. A retry limit and a dead-letter topic were added before production met a bad event.",
        nm_detection: "A fault-injection test with malformed events in staging.",
        impact: "For {dur}, about {pct} of events for {svc} were delayed; {users} saw stale status and some time-sensitive notifications arrived too late to be useful.",
        symptom: "a growing backlog and thousands of identical errors per minute",
        lessons: &[
            "Unlimited retries turn one bad message into an outage.",
            "A dead-letter destination is part of a consumer's design, not an afterthought.",
            "A backlog with busy consumers and identical errors points to a message, not to capacity.",
        ],
        actions: &[
            "Add a retry limit with backoff and a dead-letter queue to every {queue} consumer.",
            "Validate event schemas at the producer.",
            "Alert on the age of the oldest unprocessed message, not only on queue length.",
        ],
        factors: &["error-prone-tooling", "monitoring-gap", "alert-fatigue"],
        also: &["data-corruption"],
    },
    Scenario {
        pattern: "data-corruption",
        industries: &["finance", "retail", "software", "transport"],
        titles: &[
            "{Stream} consumer rebalance processed {big} payment events twice",
            "Duplicate processing after a {stream} rebalance double-credited {big} accounts",
        ],
        setup: &[
            "Ledger updates for {svc} are applied by a {lang} consumer reading from {stream}. Offsets were committed after processing, in batches, to reduce load on the brokers.",
        ],
        trigger: "{When}, a slow deploy made the consumer group rebalance several times in a row. Each time, partitions moved to another worker before the previous one had committed its offsets, and the new owner re-processed the batch. The ledger update was not idempotent, so events were applied twice.",
        response: "The daily reconciliation between the ledger and the payment records showed a mismatch. {Oncall} and {lead} matched duplicate event identifiers in the ledger, paused the consumer and wrote a correction that reversed every second application of the same event.",
        resolution: "Balances were corrected {dur} after the reconciliation alert. The consumer now records processed event identifiers in the same transaction as the ledger update.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "About {big} {users} saw wrong balances until corrected; a small number acted on them and needed manual follow-up over {dur}.",
        symptom: "a mismatch in the daily reconciliation",
        lessons: &[
            "At-least-once delivery means at-least-once processing unless the consumer is idempotent.",
            "Rebalances are normal events, not exceptional ones.",
            "Reconciliation is what caught this; it is a safety control, not bookkeeping.",
        ],
        actions: &[
            "Record processed event identifiers transactionally with the ledger update.",
            "Use cooperative rebalancing and commit offsets on partition revocation.",
            "Run the reconciliation hourly instead of daily.",
        ],
        factors: &["documentation", "training", "change-management"],
        also: &["bad-deploy"],
    },
    // ----- security-incident -----
    Scenario {
        pattern: "security-incident",
        industries: ANY,
        titles: &[
            "Cloud access key pushed to a public repository ran crypto miners on {n} {vm} instances within {mins} minutes",
            "Leaked cloud access key led to {n} unauthorised {vm} instances",
        ],
        setup: &[
            "An engineer at {org} was debugging a deployment script for {ci} and committed a configuration file containing a long-lived cloud access key to a public code repository by mistake.",
        ],
        trigger: "Within {mins} minutes of the push, automated scanners run by attackers found the key. They started {n} large {vm} instances in regions the organisation did not use, running cryptocurrency miners.",
        response: "{Oncall} received a billing anomaly alert and found the instances. {Ic} declared a security incident. The key was revoked, the instances terminated, and the account audited for other changes. The audit found no access to data.",
        resolution: "The incident was contained within {dur}. The provider agreed to waive part of the cost.",
        nm_title: "Cloud access key leaked from a deployment script for {ci} was revoked by secret scanning before use",
        nm_body: "An engineer committed a cloud access key to a public repository. The repository host's secret scanning notified the provider, which quarantined the key within minutes. {Oncall} confirmed that it had not been used and rotated it.",
        nm_detection: "Secret scanning of the public repository notified the provider, which quarantined the key.",
        impact: "Unauthorised compute ran for {dur}, costing a significant sum; no customer data was accessed.",
        symptom: "a billing anomaly in unused regions",
        lessons: &[
            "Long-lived access keys are a liability; prefer short-lived credentials.",
            "Public repositories are scanned by attackers within minutes.",
            "Billing alerts are security alerts.",
        ],
        actions: &[
            "Replace long-lived keys with short-lived credentials from {secrets}.",
            "Add pre-commit secret scanning to every repository.",
            "Restrict the account to the regions actually used.",
        ],
        factors: &["error-prone-tooling", "training", "time-pressure"],
        also: &[],
    },
    Scenario {
        pattern: "security-incident",
        industries: ANY,
        titles: &[
            "Repeated MFA push prompts on {sso} led to an accepted prompt and {n} {users} records viewed",
            "MFA fatigue attack on {sso} gave an attacker access to internal tools for {dur}",
        ],
        setup: &[
            "Staff at {org} log in through {sso} with push-notification multi-factor authentication. A staff member's password had been exposed in an unrelated breach.",
        ],
        trigger: "{When}, an attacker used the password and triggered push prompts repeatedly for an hour, late at night. The staff member eventually accepted one to stop the notifications. The attacker accessed the internal support tool and viewed account details of some {users}.",
        response: "The security team's detection flagged a login from an unusual location. {Ic} revoked all sessions for the account, reset its credentials and reviewed the access logs.",
        resolution: "The attacker had access for {dur}. The data viewed was identified and affected {users} were notified.",
        nm_title: "MFA push fatigue attack against {sso} reported by the targeted staff member",
        nm_body: "A staff member received repeated MFA push prompts late at night and reported it instead of accepting. The security team reset the password, which had been exposed in an unrelated breach.",
        nm_detection: "A staff member reported repeated unexpected MFA prompts.",
        impact: "An attacker viewed account details of {n} {users} over {dur}; affected people were notified.",
        symptom: "a login from an unusual location",
        lessons: &[
            "Push-based MFA can be defeated by fatigue.",
            "Staff who report suspicious prompts are the best detection.",
            "Internal tools should show only the data needed.",
        ],
        actions: &[
            "Move to phishing-resistant MFA with number matching.",
            "Limit push prompt frequency in {sso}.",
            "Reduce data shown by the support tool by default.",
        ],
        factors: &["training", "monitoring-gap", "fatigue"],
        also: &[],
    },
    Scenario {
        pattern: "security-incident",
        industries: ANY,
        titles: &[
            "Unpatched {t:Log4j} in an internal {lang} service was exploited via a log message",
            "Remote code execution through an unpatched logging library in {svc}",
        ],
        setup: &[
            "{Svc} included an old version of {t:Log4j} as a transitive dependency. The vulnerability CVE-2021-44228 had been published and patched elsewhere, but this service was missed by the inventory.",
        ],
        trigger: "{When}, an attacker sent a crafted string in a request header that was logged. The logging library fetched and ran remote code. The attacker gained a shell in the container.",
        response: "Unusual outbound connections were flagged by the network monitoring. {Ic} declared a security incident; the container was isolated, and the service rebuilt with a patched library.",
        resolution: "The attacker had access for {dur} but found no credentials of value. The dependency inventory was expanded to include transitive dependencies.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "A container of {svc} was compromised for {dur}; no data exfiltration was found.",
        symptom: "unusual outbound connections from a container",
        lessons: &[
            "Transitive dependencies are part of the attack surface.",
            "Egress filtering limits what an attacker can do after exploitation.",
            "Inventory must be complete to be useful.",
        ],
        actions: &[
            "Generate a software bill of materials for every service.",
            "Restrict outbound traffic from containers by default.",
            "Scan images for known vulnerabilities in {ci}.",
        ],
        factors: &["monitoring-gap", "documentation", "organisational-pressure"],
        also: &[],
    },
    Scenario {
        pattern: "security-incident",
        industries: &["energy", "manufacturing"],
        titles: &[
            "Vendor remote access account with a default password exposed an {t:HMI} for {dur}",
            "Remote access to the {t:HMI} through a forgotten vendor account",
        ],
        setup: &[
            "The vendor of the {t:SCADA} system at {org} had a remote access account for support, set up at commissioning with a default password and left enabled.",
        ],
        trigger: "An external scan found the remote access gateway, and an attacker logged in with the default password. The attacker reached the {t:HMI} but did not change any setpoints.",
        response: "{Front} noticed an unexpected session on the HMI and reported it. {Oncall} disconnected the remote access gateway. {Ic} engaged the national cyber authority.",
        resolution: "The account was disabled and the gateway replaced within {dur}.",
        nm_title: "Forgotten vendor account with a default password on the {t:HMI} gateway found before misuse",
        nm_body: "A security review of remote access into the control network found a vendor account created at commissioning, still enabled with a default password. It was disabled, and remote access moved to a controlled, time-limited process.",
        nm_detection: "A security review of remote access paths into the control network.",
        impact: "An attacker had access to the HMI for {dur}; no setpoints were changed and operations were unaffected.",
        symptom: "an unexpected session on the HMI",
        lessons: &[
            "Default passwords on remote access are an open door.",
            "Vendor access should be time-limited and supervised.",
            "Operators noticing unusual sessions are a key control.",
        ],
        actions: &[
            "Inventory and disable all standing vendor accounts.",
            "Require time-limited, supervised remote access sessions.",
            "Monitor logins on control network systems.",
        ],
        factors: &["documentation", "monitoring-gap", "change-management"],
        also: &[],
    },
    // ----- resource-leak -----
    Scenario {
        pattern: "resource-leak",
        industries: ANY,
        titles: &[
            "Connection leak on an error path exhausted the {sql} pool of {svc} every few days",
            "{Lang} service leaked database connections until {svc} stopped serving",
        ],
        setup: &[
            "{Svc} is a {lang} service with a pool of database connections to {sql}. A change several weeks earlier added an early return on a validation error.",
        ],
        trigger: "The early return skipped returning the connection to the pool. Each validation failure leaked a connection. The pool drained over a few days, and {when} it was empty. Every request waited for a connection and timed out.",
        response: "{Oncall} restarted the service, which fixed it, as it had twice before. This time {lead} looked at the pool metrics and saw the slow decline. The leak was found by searching for code paths that acquired connections without a guaranteed release.",
        resolution: "The fix was deployed {dur} after the outage began; earlier restarts had hidden the leak.",
        nm_title: "Slow leak of {sql} connections in {svc} found in a dashboard review",
        nm_body: "During a weekly dashboard review, {lead} noticed available connections in the pool of {svc} declining over several days and resetting at each deploy. The leak was traced to an early return that skipped releasing the connection.",
        nm_detection: "Weekly review of connection pool metrics.",
        impact: "For {dur}, {svc} was unavailable for {pct} of {users}.",
        symptom: "requests timing out waiting for a connection",
        lessons: &[
            "A restart that fixes a problem hides the problem.",
            "Resources must be released on every path, including error paths.",
            "Pool metrics show leaks long before they cause outages.",
        ],
        actions: &[
            "Use scoped resource handling that releases connections automatically.",
            "Alert on pool utilisation trends.",
            "Record restarts as incidents to detect recurring patterns.",
        ],
        factors: &["unacknowledged-warning", "monitoring-gap", "fatigue"],
        also: &["bad-deploy"],
    },
    Scenario {
        pattern: "resource-leak",
        industries: ANY,
        titles: &[
            "Memory leak caused rolling OOM kills of {svc} on {orch}",
            "Unbounded in-memory cache in {svc} leaked memory until pods were killed",
        ],
        setup: &[
            "{Svc} runs on {orch} with a memory limit per pod. A recent feature added an in-memory cache of results from {nosql} without a size limit.",
        ],
        trigger: "The cache grew with every unique request. Pods reached their memory limit after about {hours} hours and were killed. {When}, traffic caused most pods to reach the limit at the same time.",
        response: "{Oncall} saw pods restarting in a loop. A heap profile showed the cache. A bounded cache was deployed.",
        resolution: "{Svc} stabilised {dur} after the first restarts.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {pct} of requests to {svc} failed during restarts.",
        symptom: "pods killed for exceeding memory",
        lessons: &[
            "Every cache needs a size limit.",
            "Memory growth over hours is a leak until proven otherwise.",
            "Pods restarting together magnify the impact.",
        ],
        actions: &[
            "Add size limits to all in-memory caches.",
            "Alert on memory growth rate per pod.",
            "Add heap profiling endpoints for on-call use.",
        ],
        factors: &["monitoring-gap", "change-management", "training"],
        also: &["capacity-overload"],
    },
    Scenario {
        pattern: "resource-leak",
        industries: ANY,
        titles: &[
            "File descriptor leak in {proxy} caused 'too many open files' on {svc}",
            "Leaked sockets exhausted file descriptors on the {proxy} tier in front of {svc}",
        ],
        setup: &[
            "{Svc} sits behind {proxy}. A configuration change enabled keep-alive connections to backends.",
        ],
        trigger: "A bug in how backend connections were closed on errors leaked a file descriptor per error. The limit was reached after several days, {when}. New connections were refused.",
        response: "{Oncall} saw `too many open files` in the logs. Raising the limit bought time; the keep-alive change was reverted.",
        resolution: "Service recovered {dur} after the first errors.",
        nm_title: "",
        nm_body: "",
        nm_detection: "",
        impact: "For {dur}, {pct} of connections to {svc} were refused.",
        symptom: "'too many open files' errors",
        lessons: &[
            "File descriptors are a finite resource.",
            "Raising limits buys time but does not fix leaks.",
            "Configuration changes can expose latent bugs.",
        ],
        actions: &[
            "Monitor open file descriptors per process.",
            "Upgrade {proxy} to a version with the fix.",
            "Test error paths under load.",
        ],
        factors: &["monitoring-gap", "change-management", "documentation"],
        also: &["config-change"],
    },
    // ----- human-procedure -----
    Scenario {
        pattern: "human-procedure",
        industries: &["healthcare"],
        titles: &[
            "{T:barcode medication administration} bypassed with a copied wristband label",
            "Barcode scanning workaround on a ward with {pct_small} scan failures nearly led to a wrong-patient dose",
        ],
        setup: &[
            "Nurses at {org} scan the patient's wristband and the medication with {t:barcode medication administration} before giving a dose. On one ward, scanners often failed to read worn wristbands.",
        ],
        trigger: "To save time, staff had started keeping copies of patient labels on the medication cart and scanning those instead. {When}, a label for the wrong patient was scanned from the cart during a busy medication round.",
        response: "{Front} noticed the name on the screen did not match the patient in front of them and stopped. The charge nurse reported the workaround to the nursing supervisor, and all copied labels were removed.",
        resolution: "Within {dur}, the scanners on the ward were replaced and wristband printing was improved.",
        nm_title: "Copied wristband labels on a medication cart found by a nurse on a ward with failing {t:barcode medication administration} scanners",
        nm_body: "During a medication round, {front} noticed copied patient labels taped to the cart. The workaround had grown because scanners failed on worn wristbands. The labels were removed, and the scanners were replaced.",
        nm_detection: "A nurse noticed the workaround and reported it.",
        impact: "No patient received a wrong medication; a wrong-patient dose was prevented by the nurse's check.",
        symptom: "a patient name on the screen that did not match the patient",
        lessons: &[
            "Workarounds grow where tools fail; fix the tool.",
            "A final check against the patient is the last safety layer.",
            "Reporting workarounds without blame reveals them.",
        ],
        actions: &[
            "Replace failing scanners and improve wristband durability.",
            "Audit medication carts for workaround labels.",
            "Track scan failure rates per ward.",
        ],
        factors: &["error-prone-tooling", "time-pressure", "organisational-pressure"],
        also: &[],
    },
    Scenario {
        pattern: "human-procedure",
        industries: &["aviation"],
        titles: &[
            "Zero-fuel weight entered as takeoff weight in the {t:FMS} gave takeoff speeds {kts} knots too low",
            "{T:FMS} takeoff weight error on a short turnaround caught during the cross-check, speeds {kts} knots low",
        ],
        setup: &[
            "Crews at {org} calculate takeoff performance with an {t:EFB} and enter the results into the {t:FMS}. Both pilots cross-check the entries.",
        ],
        trigger: "During a quick turnaround, the zero-fuel weight was entered in the takeoff weight field. The calculated speeds were too low for the actual weight.",
        response: "{Front} noticed during the cross-check that the speeds were lower than usual for the load, and rechecked. The error was corrected before takeoff.",
        resolution: "The departure was delayed by {dur}.",
        nm_title: "Takeoff weight error in the {t:FMS} caught in the cross-check {when}",
        nm_body: "{Front} noticed during the cross-check that the takeoff speeds seemed low for the load. The zero-fuel weight had been entered in the takeoff weight field. The entries were corrected before takeoff.",
        nm_detection: "The standard pre-departure cross-check between pilots.",
        impact: "A departure was delayed by {dur}; no safety consequences.",
        symptom: "takeoff speeds lower than usual for the load",
        lessons: &[
            "Cross-checks catch errors when done attentively.",
            "Time pressure during turnarounds raises error risk.",
            "Plausibility checks for weights help.",
        ],
        actions: &[
            "Add a gross-error check for weights in the EFB.",
            "Share this case in recurrent training.",
            "Review turnaround times for the route.",
        ],
        factors: &["time-pressure", "fatigue", "error-prone-tooling"],
        also: &[],
    },
    Scenario {
        pattern: "human-procedure",
        industries: &["aviation"],
        titles: &[
            "Readback error on a similar callsign led to a {t:TCAS} resolution advisory passing FL{fl}",
            "Climb clearance to FL{fl} taken by the wrong aircraft, followed by a {t:TCAS} RA",
        ],
        setup: &[
            "An aircraft operated by {org} was climbing in busy airspace. Clearances are read back by the crew and confirmed by the controller.",
        ],
        trigger: "A clearance to a flight level intended for another aircraft with a similar callsign was read back by the crew and not corrected. The aircraft climbed towards traffic.",
        response: "{T:TCAS} issued a resolution advisory. {Front} followed it, and separation was restored. The controller issued corrective instructions.",
        resolution: "Both aircraft continued safely; the event was reported.",
        nm_title: "Similar callsigns led to a wrong clearance to FL{fl} and a {t:TCAS} RA",
        nm_body: "A clearance for another aircraft with a similar callsign was read back by the crew and not corrected. {T:TCAS} issued a resolution advisory, which {front} followed, restoring separation.",
        nm_detection: "TCAS resolution advisory.",
        impact: "Loss of separation for a short period; no injuries.",
        symptom: "a TCAS resolution advisory",
        lessons: &[
            "Similar callsigns are a known hazard.",
            "Readback and hearback are both needed.",
            "Following TCAS RAs promptly works.",
        ],
        actions: &[
            "Review callsign similarity with the airspace users.",
            "Include this case in crew training.",
            "Share the report with air traffic control.",
        ],
        factors: &["communication-breakdown", "fatigue", "training"],
        also: &[],
    },
    Scenario {
        pattern: "human-procedure",
        industries: ANY,
        titles: &[
            "Skipped runbook step during maintenance left {sql} backups disabled for {days} days",
            "Missed runbook step left {sql} backups of {svc} switched off for {days} days",
        ],
        setup: &[
            "Maintenance on the {sql} database of {svc} follows a runbook with {n} steps. Backups are disabled during maintenance and re-enabled at the end.",
        ],
        trigger: "{When}, the maintenance ran late and the engineer was interrupted near the end. The final step, re-enabling backups, was missed.",
        response: "{Oncall} noticed {days} days later that backups were missing. Backups were re-enabled immediately.",
        resolution: "No data was lost; the exposure lasted {days} days.",
        nm_title: "Backups left disabled after maintenance, found {days} days later",
        nm_body: "After maintenance, a final runbook step to re-enable backups was missed. {Oncall} noticed the missing backups {days} days later and re-enabled them. No restore was needed in the meantime.",
        nm_detection: "Noticed during a routine check of backup status.",
        impact: "No data was lost, but no backups existed for {days} days.",
        symptom: "missing backups",
        lessons: &[
            "Runbook steps at the end are the ones most often missed.",
            "Interruptions during procedures cause skipped steps.",
            "Automate checks of critical state after maintenance.",
        ],
        actions: &[
            "Add an automated post-maintenance check.",
            "Alert on missing backups.",
            "Use a checklist tool that tracks completion.",
        ],
        factors: &["missing-procedure", "fatigue", "monitoring-gap"],
        also: &["data-corruption"],
    },
    Scenario {
        pattern: "human-procedure",
        industries: &["energy"],
        titles: &[
            "Switching step read from the wrong order nearly energised a line with a crew of {n} at work",
            "Switching order misread {when} during a shift handover, caught by the field crew",
        ],
        setup: &[
            "Switching at {org} follows written switching orders prepared in advance; remote steps are executed from the {t:SCADA} system and local steps by field crews. A field crew was working on a line that had been isolated and earthed.",
        ],
        trigger: "During a shift handover, the incoming operator read the next step from the wrong switching order. The step would have closed a switch that energised the line being worked on.",
        response: "{Front} at the substation questioned the instruction because it did not match the work plan, and stopped. The control room confirmed the error.",
        resolution: "No switching took place. The work continued safely.",
        nm_title: "Switching step from the wrong order stopped by the field crew {when}",
        nm_body: "During a shift handover, the incoming operator read a step from the wrong switching order. {Front} questioned the instruction because it did not match the work plan, and the error was caught before any switching.",
        nm_detection: "The field crew questioned an instruction that did not match the work plan.",
        impact: "No one was harmed; the work continued safely.",
        symptom: "an instruction that did not match the work plan",
        lessons: &[
            "Shift handovers are a high-risk moment for procedures.",
            "Field crews questioning instructions is a vital safety layer.",
            "Multiple open switching orders increase confusion.",
        ],
        actions: &[
            "Allow only one active switching order per operator.",
            "Add a handover checklist for active switching.",
            "Recognise the crew's intervention.",
        ],
        factors: &["communication-breakdown", "fatigue", "missing-procedure"],
        also: &[],
    },
];

// ---------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------

/// Generates `count` synthetic reports, deterministically for a given `seed`.
///
/// The first reports use every scenario once (so every failure pattern and every
/// industry-specific story appears), the next ones every industry once; the rest are drawn
/// at random, software-heavy. The output is shuffled afterwards, so that any run of at
/// least `SCENARIOS.len() + INDUSTRIES.len()` reports (about 80) covers both lists.
pub fn generate(count: usize, seed: u64) -> Vec<DemoReport> {
    let mut rng = StdRng::seed_from_u64(seed);
    let forced_scenarios = SCENARIOS.len();
    let mut reports = Vec::with_capacity(count);
    for i in 0..count {
        let (scenario, industry) = if let Some(scenario) = SCENARIOS.get(i) {
            (scenario, pick_industry_for(&mut rng, scenario))
        } else if i < forced_scenarios + INDUSTRY_CONTEXTS.len() {
            let industry = &INDUSTRY_CONTEXTS[i - forced_scenarios];
            (pick_for_industry(&mut rng, industry.slug), industry)
        } else {
            let industry = pick_industry(&mut rng);
            (pick_for_industry(&mut rng, industry.slug), industry)
        };
        reports.push(build(&mut rng, scenario, industry));
    }
    reports.shuffle(&mut rng);
    reports
}

/// Uniform index into a non-empty slice length (returns 0 for an empty one).
fn index(rng: &mut StdRng, len: usize) -> usize {
    if len == 0 {
        0
    } else {
        rng.gen_range(0..len)
    }
}

/// Picks one element of a constant, non-empty list of strings ("" if the list is empty).
fn pick(rng: &mut StdRng, list: &[&'static str]) -> &'static str {
    list.get(index(rng, list.len())).copied().unwrap_or("")
}

fn pick_industry(rng: &mut StdRng) -> &'static Industry {
    let total: u32 = INDUSTRY_CONTEXTS.iter().map(|i| i.weight).sum();
    let mut roll = rng.gen_range(0..total.max(1));
    for industry in INDUSTRY_CONTEXTS {
        if roll < industry.weight {
            return industry;
        }
        roll -= industry.weight;
    }
    &INDUSTRY_CONTEXTS[0]
}

fn industry_by_slug(slug: &str) -> &'static Industry {
    INDUSTRY_CONTEXTS
        .iter()
        .find(|i| i.slug == slug)
        .unwrap_or(&INDUSTRY_CONTEXTS[0])
}

fn pick_industry_for(rng: &mut StdRng, scenario: &Scenario) -> &'static Industry {
    if scenario.industries.is_empty() {
        pick_industry(rng)
    } else {
        industry_by_slug(pick(rng, scenario.industries))
    }
}

fn pick_for_industry(rng: &mut StdRng, industry: &str) -> &'static Scenario {
    let specific: Vec<&'static Scenario> = SCENARIOS
        .iter()
        .filter(|s| s.industries.contains(&industry))
        .collect();
    let generic: Vec<&'static Scenario> = SCENARIOS
        .iter()
        .filter(|s| s.industries.is_empty())
        .collect();
    // Industries other than software lean on their own scenarios so that a hospital's
    // reports read like a hospital's; software draws mostly from the generic ones.
    let specific_share = if industry == "software" { 0.15 } else { 0.55 };
    let pool = if !specific.is_empty() && rng.gen_bool(specific_share) {
        &specific
    } else {
        &generic
    };
    pool.get(index(rng, pool.len()))
        .copied()
        .unwrap_or(&SCENARIOS[0])
}

fn pick_severity(rng: &mut StdRng, scenario: &Scenario) -> &'static str {
    let roll = rng.gen_range(0..100);
    let severity = match roll {
        0..=14 => "near-miss",
        15..=49 => "minor",
        50..=84 => "major",
        _ => "critical",
    };
    if severity == "near-miss" && scenario.nm_body.is_empty() {
        "minor"
    } else {
        severity
    }
}

/// A skewed (log-uniform) duration within the severity's typical range, in minutes.
fn pick_duration(rng: &mut StdRng, severity: &str) -> Option<i32> {
    let (low, high): (f64, f64) = match severity {
        "near-miss" => {
            if rng.gen_bool(0.6) {
                return None;
            }
            (5.0, 90.0)
        }
        "minor" => (5.0, 360.0),
        "major" => (20.0, 1_440.0),
        _ => (45.0, 4_320.0),
    };
    let minutes = (low.ln() + rng.gen::<f64>() * (high.ln() - low.ln())).exp();
    let minutes = if minutes > 60.0 {
        (minutes / 5.0).round() * 5.0
    } else {
        minutes.round()
    };
    // The range is bounded above, so the conversion cannot overflow.
    Some(minutes.clamp(5.0, 4_320.0) as i32)
}

fn format_month(month: i32) -> String {
    format!("{:04}-{:02}", month / 12, month % 12 + 1)
}

/// Picks the month an incident occurred, with more reports in later years (a registry grows).
fn pick_months(rng: &mut StdRng) -> (String, String) {
    let span = LAST_OCCURRED - FIRST_MONTH + 1;
    let unit: f64 = rng.gen();
    let position = if rng.gen_bool(0.5) { unit } else { unit.sqrt() };
    let offset = ((position * f64::from(span)) as i32).clamp(0, span - 1);
    let occurred = FIRST_MONTH + offset;
    let delay = match rng.gen_range(0..10) {
        0..=3 => 0,
        4..=6 => 1,
        7..=8 => 2,
        _ => 3,
    };
    let published = (occurred + delay).min(LAST_PUBLISHED);
    (format_month(occurred), format_month(published))
}

fn format_duration(minutes: Option<i32>) -> String {
    let Some(m) = minutes else {
        return "a few minutes".to_string();
    };
    if m < 60 {
        format!("{m} minutes")
    } else if m < 240 {
        let (h, rest) = (m / 60, m % 60);
        let hours = if h == 1 {
            "1 hour".to_string()
        } else {
            format!("{h} hours")
        };
        if rest == 0 {
            hours
        } else {
            format!("{hours} {rest} minutes")
        }
    } else if m < 2_880 {
        format!("about {} hours", (m + 30) / 60)
    } else {
        format!("about {} days", (m + 720) / 1_440)
    }
}

/// Formats a count with thousands separators ("12,400").
fn format_count(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Resolves `{slot}` placeholders for one report, keeping every slot consistent across the
/// report's fields and recording the technologies it mentions.
struct Filler<'r> {
    rng: &'r mut StdRng,
    industry: &'static Industry,
    severity: &'static str,
    duration: Option<i32>,
    symptom: &'static str,
    generic: bool,
    /// Resolved slots: key and the text used for every mention after the first.
    values: Vec<(String, String)>,
    technologies: Vec<String>,
}

impl Filler<'_> {
    fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(end) => {
                    out.push_str(&self.resolve(&after[..end]));
                    rest = &after[end + 1..];
                }
                None => {
                    out.push_str(&rest[start..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn resolve(&mut self, raw: &str) -> String {
        let capital = raw.starts_with(|c: char| c.is_ascii_uppercase());
        let key = if capital {
            lower_first(raw)
        } else {
            raw.to_string()
        };
        let value = match self.values.iter().find(|(k, _)| *k == key) {
            Some((_, later)) => later.clone(),
            None => {
                let (first, later) = self.compute(&key);
                self.values.push((key, later));
                first
            }
        };
        if capital {
            upper_first(&value)
        } else {
            value
        }
    }

    /// Computes a slot: the text of its first mention and of later mentions.
    fn compute(&mut self, key: &str) -> (String, String) {
        if let Some(name) = key.strip_prefix("t:") {
            return self.literal_tech(name);
        }
        if TECHS.iter().any(|t| t.category == key) || key == "db" {
            return self.category_tech(key);
        }
        let ind = self.industry;
        let sev = self.severity;
        let text = match key {
            "org" => pick(self.rng, ind.orgs).to_string(),
            "svc" => pick(self.rng, ind.services).to_string(),
            "svc2" => {
                let first = self.resolve("svc");
                let others: Vec<&str> = ind
                    .services
                    .iter()
                    .copied()
                    .filter(|s| *s != first)
                    .collect();
                pick(self.rng, &others).to_string()
            }
            "users" => pick(self.rng, ind.users).to_string(),
            "oncall" => pick(self.rng, ind.oncall).to_string(),
            "ic" => pick(self.rng, ind.commanders).to_string(),
            "front" => {
                let list = if self.generic { ind.staff } else { ind.front };
                pick(self.rng, list).to_string()
            }
            "lead" => pick(self.rng, LEADS).to_string(),
            "team" => pick(self.rng, TEAMS).to_string(),
            "when" => pick(self.rng, WHENS).to_string(),
            "symptom" => self.symptom.to_string(),
            "dur" => format_duration(self.duration),
            "pct" => {
                let (low, high) = match sev {
                    "near-miss" => (40, 90),
                    "minor" => (2, 15),
                    "major" => (15, 65),
                    _ => (60, 100),
                };
                format!("{}%", self.rng.gen_range(low..=high))
            }
            "pct_small" => format!("{}%", self.rng.gen_range(1..=10)),
            "low_pct" => format!("{}%", self.rng.gen_range(20..=60)),
            "high_pct" => format!("{}%", self.rng.gen_range(85..=99)),
            "n" => self.rng.gen_range(3..=40).to_string(),
            "big" => {
                let (low, high) = match sev {
                    "near-miss" | "minor" => (200, 5_000),
                    "major" => (5_000, 120_000),
                    _ => (50_000, 2_000_000),
                };
                let raw: u32 = self.rng.gen_range(low..=high);
                let step = if raw >= 10_000 { 1_000 } else { 100 };
                format_count((raw / step).max(1) * step)
            }
            "mins" => self.rng.gen_range(3..=25).to_string(),
            "fl" => (self.rng.gen_range(18..=39) * 10).to_string(),
            "kts" => self.rng.gen_range(8..=25).to_string(),
            "detect" => self.rng.gen_range(2..=40).to_string(),
            "hours" => self.rng.gen_range(2..=14).to_string(),
            "days" => self.rng.gen_range(3..=60).to_string(),
            "weeks" => self.rng.gen_range(2..=12).to_string(),
            "ttl" => pick(self.rng, &["60", "300", "600", "900", "3600"]).to_string(),
            "retries" => self.rng.gen_range(3..=10).to_string(),
            "factor" => self.rng.gen_range(4..=40).to_string(),
            "conns" => pick(self.rng, &["100", "200", "300", "500", "1,000", "2,000"]).to_string(),
            "gb" => pick(self.rng, &["50", "100", "200", "500", "1,000", "2,000"]).to_string(),
            // An unknown slot is a template bug; keep it visible rather than guessing.
            other => format!("[{other}]"),
        };
        (text.clone(), text)
    }

    fn record(&mut self, display: String) {
        if !self.technologies.contains(&display) {
            self.technologies.push(display);
        }
    }

    fn with_version(&mut self, tech: &'static Tech) -> (String, String) {
        let display = if !tech.versions.is_empty() && self.rng.gen_bool(0.6) {
            format!("{} {}", tech.name, pick(self.rng, tech.versions))
        } else {
            tech.name.to_string()
        };
        self.record(display.clone());
        (display, tech.name.to_string())
    }

    fn category_tech(&mut self, category: &str) -> (String, String) {
        let candidates: Vec<&'static Tech> = TECHS
            .iter()
            .filter(|t| {
                t.category == category
                    || (category == "db" && (t.category == "sql" || t.category == "nosql"))
            })
            .collect();
        match candidates.get(index(self.rng, candidates.len())).copied() {
            Some(tech) => self.with_version(tech),
            None => (category.to_string(), category.to_string()),
        }
    }

    fn literal_tech(&mut self, name: &str) -> (String, String) {
        if let Some(tech) = TECHS.iter().find(|t| t.name == name) {
            return self.with_version(tech);
        }
        self.record(upper_first(name));
        (name.to_string(), name.to_string())
    }
}

fn factor_text(slug: &str) -> Option<&'static FactorText> {
    FACTOR_TEXTS.iter().find(|f| f.slug == slug)
}

fn bullet_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("- {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn build(rng: &mut StdRng, scenario: &'static Scenario, industry: &'static Industry) -> DemoReport {
    let severity = pick_severity(rng, scenario);
    let near_miss = severity == "near-miss";
    let duration = pick_duration(rng, severity);
    let (occurred_month, published_month) = pick_months(rng);

    // Contributing factors: one typical of the scenario, then up to two more.
    let mut factors: Vec<&'static str> = vec![pick(rng, scenario.factors)];
    let extra = rng.gen_range(0..=2);
    for _ in 0..extra {
        let candidate = if rng.gen_bool(0.6) {
            pick(rng, scenario.factors)
        } else {
            taxonomy::CONTRIBUTING_FACTORS[index(rng, taxonomy::CONTRIBUTING_FACTORS.len())].slug
        };
        if !factors.contains(&candidate) {
            factors.push(candidate);
        }
    }

    let mut patterns = vec![scenario.pattern];
    if !scenario.also.is_empty() && rng.gen_bool(0.35) {
        let second = pick(rng, scenario.also);
        if second != scenario.pattern {
            patterns.push(second);
        }
    }

    // Decide the narrative's optional paragraphs before filling, so the rng order is fixed.
    let setup = pick(rng, scenario.setup);
    let comms = pick(rng, industry.comms);
    let reflection = pick(rng, REFLECTIONS);
    let factor_paragraph = factors.first().and_then(|f| factor_text(f));
    let title_template = if near_miss {
        scenario.nm_title
    } else {
        pick(rng, scenario.titles)
    };

    let mut filler = Filler {
        rng,
        industry,
        severity,
        duration,
        symptom: scenario.symptom,
        generic: scenario.industries.is_empty(),
        values: Vec::new(),
        technologies: Vec::new(),
    };

    let mut paragraphs: Vec<&'static str> = vec![setup];
    if near_miss {
        paragraphs.push(scenario.nm_body);
        if let Some(f) = factor_paragraph.filter(|f| f.slug != "missing-procedure") {
            paragraphs.push(f.paragraph);
        }
        let first = index(filler.rng, NEAR_MISS_REFLECTIONS.len());
        paragraphs.push(NEAR_MISS_REFLECTIONS[first]);
        if paragraphs.len() < 5 && filler.rng.gen_bool(0.4) {
            let second = (first + 1 + index(filler.rng, NEAR_MISS_REFLECTIONS.len() - 1))
                % NEAR_MISS_REFLECTIONS.len();
            paragraphs.push(NEAR_MISS_REFLECTIONS[second]);
        }
    } else {
        paragraphs.push(scenario.trigger);
        let optional = filler.rng.gen_range(0..=2);
        if optional >= 1 {
            paragraphs.push(comms);
        }
        paragraphs.push(scenario.response);
        paragraphs.push(scenario.resolution);
        if let Some(f) = factor_paragraph {
            if optional >= 2 || filler.rng.gen_bool(0.5) {
                paragraphs.push(f.paragraph);
            }
        }
        if paragraphs.len() < 6 && filler.rng.gen_bool(0.3) {
            paragraphs.push(reflection);
        }
    }
    let narrative = paragraphs
        .iter()
        .map(|p| filler.fill(p))
        .collect::<Vec<_>>()
        .join("\n\n");

    let title = filler.fill(title_template);

    let impact = if near_miss {
        let template = pick(filler.rng, NEAR_MISS_IMPACT);
        filler.fill(template)
    } else {
        filler.fill(scenario.impact)
    };

    let detection_template = if near_miss {
        scenario.nm_detection
    } else if !scenario.industries.is_empty() {
        pick(filler.rng, DETECT_FRONT)
    } else if factors.contains(&"monitoring-gap") {
        pick(filler.rng, DETECT_GAP)
    } else if factors.contains(&"alert-fatigue") {
        pick(filler.rng, DETECT_FATIGUE)
    } else {
        pick(filler.rng, DETECT_ALERT)
    };
    let detection = filler.fill(detection_template);

    // Lessons and action items: two or three from the scenario, plus one from a factor.
    let factor_for_lists = factors.first().and_then(|f| factor_text(f));
    let take = filler.rng.gen_range(2..=3);
    let mut lessons: Vec<String> = scenario
        .lessons
        .choose_multiple(filler.rng, take)
        .copied()
        .collect::<Vec<_>>()
        .into_iter()
        .map(|l| filler.fill(l))
        .collect();
    let take = filler.rng.gen_range(2..=3);
    let mut actions: Vec<String> = scenario
        .actions
        .choose_multiple(filler.rng, take)
        .copied()
        .collect::<Vec<_>>()
        .into_iter()
        .map(|a| filler.fill(a))
        .collect();
    if let Some(f) = factor_for_lists {
        if lessons.len() < 4 && filler.rng.gen_bool(0.6) {
            let lesson = filler.fill(f.lesson);
            lessons.push(lesson);
        }
        if actions.len() < 4 && filler.rng.gen_bool(0.6) {
            let action = filler.fill(f.action);
            actions.push(action);
        }
    }
    let owners: Vec<String> = actions
        .into_iter()
        .map(|a| {
            if filler.rng.gen_bool(0.5) {
                let owner = if scenario.industries.is_empty() {
                    pick(filler.rng, OWNERS).to_string()
                } else {
                    filler.fill("{ic}")
                };
                format!("{a} Owner: {owner}.")
            } else {
                a
            }
        })
        .collect();

    let technologies = filler.technologies;
    DemoReport {
        title,
        industry: industry.slug,
        occurred_month,
        published_month,
        severity,
        duration_minutes: duration,
        narrative,
        impact,
        detection,
        lessons: bullet_list(&lessons),
        action_items: bullet_list(&owners),
        technologies,
        factors,
        patterns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn all_text(r: &DemoReport) -> Vec<&str> {
        let mut texts = vec![
            r.title.as_str(),
            r.narrative.as_str(),
            r.impact.as_str(),
            r.detection.as_str(),
            r.lessons.as_str(),
            r.action_items.as_str(),
        ];
        texts.extend(r.technologies.iter().map(String::as_str));
        texts
    }

    /// True when the text contains four dot-separated groups of 1 to 3 digits.
    fn has_ipv4(text: &str) -> bool {
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|start| {
            if start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b'.') {
                return false;
            }
            let mut pos = start;
            for group in 0..4 {
                let digits = bytes[pos..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if digits == 0 || digits > 3 {
                    return false;
                }
                pos += digits;
                if group < 3 {
                    if bytes.get(pos) != Some(&b'.') {
                        return false;
                    }
                    pos += 1;
                }
            }
            true
        })
    }

    /// True when the text contains something shaped like a host name: letters, a dot, then
    /// letters directly after it (as in `name.domain`), other than known technology names.
    fn has_hostname(text: &str) -> bool {
        let cleaned = text.replace("Node.js", "").replace(".NET", "");
        let chars: Vec<char> = cleaned.chars().collect();
        chars
            .windows(3)
            .any(|w| w[0].is_ascii_alphanumeric() && w[1] == '.' && w[2].is_ascii_alphabetic())
    }

    fn valid_month(m: &str) -> Option<i32> {
        let (year, month) = m.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: i32 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(year * 12 + month - 1)
    }

    #[test]
    fn count_is_honoured() {
        assert_eq!(generate(0, 1).len(), 0);
        assert_eq!(generate(1, 1).len(), 1);
        assert_eq!(generate(5, 1).len(), 5);
        assert_eq!(generate(300, 7).len(), 300);
    }

    #[test]
    fn deterministic_for_a_seed() {
        assert_eq!(generate(120, 42), generate(120, 42));
        assert_ne!(generate(20, 1), generate(20, 2));
    }

    #[test]
    fn every_industry_and_pattern_appears() {
        let reports = generate(300, 7);
        for industry in taxonomy::INDUSTRIES {
            assert!(
                reports.iter().any(|r| r.industry == industry.slug),
                "missing industry {}",
                industry.slug
            );
        }
        for pattern in taxonomy::FAILURE_PATTERNS {
            assert!(
                reports.iter().any(|r| r.patterns.contains(&pattern.slug)),
                "missing pattern {}",
                pattern.slug
            );
        }
        for severity in taxonomy::SEVERITIES {
            assert!(
                reports.iter().any(|r| r.severity == severity.slug),
                "missing severity {}",
                severity.slug
            );
        }
        let software = reports.iter().filter(|r| r.industry == "software").count();
        assert!(software > 50, "software should dominate, got {software}");
    }

    #[test]
    fn every_pattern_has_three_scenarios_and_consistent_slugs() {
        for pattern in taxonomy::FAILURE_PATTERNS {
            let n = SCENARIOS
                .iter()
                .filter(|s| s.pattern == pattern.slug)
                .count();
            assert!(n >= 3, "{} has only {n} scenarios", pattern.slug);
        }
        for s in SCENARIOS {
            assert!(taxonomy::find(taxonomy::FAILURE_PATTERNS, s.pattern).is_some());
            for slug in s.also {
                assert!(
                    taxonomy::find(taxonomy::FAILURE_PATTERNS, slug).is_some(),
                    "bad also {slug}"
                );
            }
            for slug in s.factors {
                assert!(
                    taxonomy::find(taxonomy::CONTRIBUTING_FACTORS, slug).is_some(),
                    "bad factor {slug}"
                );
            }
            for slug in s.industries {
                assert!(
                    taxonomy::find(taxonomy::INDUSTRIES, slug).is_some(),
                    "bad industry {slug}"
                );
            }
            assert!(
                !s.titles.is_empty()
                    && !s.setup.is_empty()
                    && s.lessons.len() >= 2
                    && s.actions.len() >= 2
            );
            assert_eq!(s.nm_body.is_empty(), s.nm_title.is_empty());
            assert_eq!(s.nm_body.is_empty(), s.nm_detection.is_empty());
        }
        for industry in taxonomy::INDUSTRIES {
            assert!(INDUSTRY_CONTEXTS.iter().any(|c| c.slug == industry.slug));
        }
        for factor in taxonomy::CONTRIBUTING_FACTORS {
            assert!(
                factor_text(factor.slug).is_some(),
                "no text for factor {}",
                factor.slug
            );
        }
    }

    fn mentions_technology(text: &str) -> bool {
        text.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}'))
            .any(|(key, _)| {
                let key = lower_first(key);
                key.starts_with("t:") || key == "db" || TECHS.iter().any(|t| t.category == key)
            })
    }

    #[test]
    fn every_story_path_mentions_a_technology() {
        let mut missing = Vec::new();
        for s in SCENARIOS {
            for setup in s.setup {
                let incident = [*setup, s.trigger, s.response, s.resolution].concat();
                if !mentions_technology(&incident) {
                    missing.push(s.titles[0]);
                }
                let near_miss = [*setup, s.nm_body].concat();
                if !s.nm_body.is_empty() && !mentions_technology(&near_miss) {
                    missing.push(s.nm_title);
                }
            }
        }
        assert!(missing.is_empty(), "no technology in {missing:?}");
    }

    #[test]
    fn slugs_are_valid() {
        for r in generate(300, 7) {
            assert!(taxonomy::find(taxonomy::INDUSTRIES, r.industry).is_some());
            assert!(taxonomy::find(taxonomy::SEVERITIES, r.severity).is_some());
            assert!((1..=3).contains(&r.factors.len()), "{:?}", r.factors);
            assert!((1..=2).contains(&r.patterns.len()), "{:?}", r.patterns);
            for f in &r.factors {
                assert!(
                    taxonomy::find(taxonomy::CONTRIBUTING_FACTORS, f).is_some(),
                    "{f}"
                );
            }
            for p in &r.patterns {
                assert!(
                    taxonomy::find(taxonomy::FAILURE_PATTERNS, p).is_some(),
                    "{p}"
                );
            }
            let unique: BTreeSet<_> = r.factors.iter().collect();
            assert_eq!(unique.len(), r.factors.len());
            let unique: BTreeSet<_> = r.patterns.iter().collect();
            assert_eq!(unique.len(), r.patterns.len());
        }
    }

    #[test]
    fn months_are_well_formed_and_ordered() {
        for r in generate(300, 7) {
            let occurred = valid_month(&r.occurred_month).unwrap_or(-1);
            let published = valid_month(&r.published_month).unwrap_or(-1);
            assert!(
                (FIRST_MONTH..=LAST_OCCURRED).contains(&occurred),
                "{}",
                r.occurred_month
            );
            assert!(
                published >= occurred && published - occurred <= 3,
                "{} {}",
                r.occurred_month,
                r.published_month
            );
            assert!(published <= LAST_PUBLISHED, "{}", r.published_month);
        }
        let years: BTreeSet<_> = generate(300, 7)
            .iter()
            .map(|r| r.occurred_month[..4].to_string())
            .collect();
        assert!(years.len() >= 7, "{years:?}");
    }

    #[test]
    fn durations_are_realistic() {
        let reports = generate(300, 7);
        for r in &reports {
            match r.duration_minutes {
                None => assert_eq!(r.severity, "near-miss"),
                Some(m) => assert!((5..=4_320).contains(&m), "{m}"),
            }
        }
        let mut known: Vec<i32> = reports.iter().filter_map(|r| r.duration_minutes).collect();
        known.sort_unstable();
        let median = known.get(known.len() / 2).copied().unwrap_or(0);
        assert!(median < 360, "median {median} should be skewed short");
        assert!(
            known.iter().any(|m| *m > 1_440),
            "some incidents should last more than a day"
        );
    }

    #[test]
    fn texts_are_complete_and_shaped() {
        for r in generate(300, 7) {
            for text in all_text(&r) {
                assert!(!text.trim().is_empty(), "empty field in {}", r.title);
                assert!(!text.contains(['{', '}', '[']), "unfilled slot in {text}");
            }
            let paragraphs = r.narrative.split("\n\n").count();
            assert!(
                (3..=6).contains(&paragraphs),
                "{paragraphs} paragraphs in {}",
                r.title
            );
            let lessons = r.lessons.lines().filter(|l| l.starts_with("- ")).count();
            assert!(
                (2..=4).contains(&lessons) && lessons == r.lessons.lines().count(),
                "{}",
                r.lessons
            );
            let actions = r
                .action_items
                .lines()
                .filter(|l| l.starts_with("- "))
                .count();
            assert!(
                (2..=4).contains(&actions) && actions == r.action_items.lines().count(),
                "{}",
                r.action_items
            );
            assert!(!r.technologies.is_empty(), "no technologies in {}", r.title);
            assert!(
                r.title
                    .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '`'),
                "{}",
                r.title
            );
        }
    }

    #[test]
    fn many_distinct_technologies_and_titles() {
        let reports = generate(300, 7);
        let names: BTreeSet<String> = reports
            .iter()
            .flat_map(|r| r.technologies.iter())
            .map(|t| {
                t.split(' ')
                    .take_while(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert!(
            names.len() >= 60,
            "only {} technologies: {names:?}",
            names.len()
        );
        for required in [
            "PostgreSQL",
            "Redis",
            "Kafka",
            "Kubernetes",
            "nginx",
            "TCAS",
            "ADS-B",
            "FMS",
            "ACARS",
            "SCADA",
            "PLC",
            "BGP",
            "NTP",
        ] {
            assert!(names.contains(required), "missing {required}");
        }
        let titles: BTreeSet<&str> = reports.iter().map(|r| r.title.as_str()).collect();
        assert!(titles.len() >= 270, "only {} distinct titles", titles.len());
        let narratives: BTreeSet<&str> = reports.iter().map(|r| r.narrative.as_str()).collect();
        assert_eq!(narratives.len(), reports.len());
    }

    #[test]
    fn nothing_identifying() {
        for seed in [7, 1, 99] {
            for r in generate(300, seed) {
                for text in all_text(&r) {
                    let lower = text.to_lowercase();
                    assert!(!text.contains('@'), "@ in {text}");
                    assert!(!lower.contains("http"), "http in {text}");
                    assert!(!lower.contains("www"), "www in {text}");
                    assert!(!has_ipv4(text), "IPv4 in {text}");
                    assert!(!has_hostname(text), "host name in {text}");
                    for month in [
                        "january",
                        "february",
                        "march",
                        "april",
                        "june",
                        "july",
                        "august",
                        "september",
                        "october",
                        "november",
                        "december",
                    ] {
                        assert!(!lower.contains(month), "month name in {text}");
                    }
                }
            }
        }
    }

    #[test]
    fn helpers_behave() {
        assert!(has_ipv4("host 10.0.12.7 down"));
        assert!(!has_ipv4("Kubernetes 1.27 and OpenSSL 1.1.1"));
        assert!(has_hostname("see db1.internal"));
        assert!(!has_hostname("Node.js 18. Then .NET 8."));
        assert_eq!(format_count(1_234_000), "1,234,000");
        assert_eq!(format_count(950), "950");
        assert_eq!(format_duration(Some(45)), "45 minutes");
        assert_eq!(format_duration(Some(125)), "2 hours 5 minutes");
        assert_eq!(format_duration(Some(60)), "1 hour");
        assert_eq!(format_duration(Some(600)), "about 10 hours");
        assert_eq!(format_duration(Some(4_320)), "about 3 days");
        assert_eq!(format_month(2019 * 12), "2019-01");
        assert_eq!(format_month(2026 * 12 + 10), "2026-11");
    }
}
