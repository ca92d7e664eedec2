"""Hand-written evaluation cases (imported by gen_cases.py).

Each case: domain, format, text, remove [(text, kind)], keep [str], optional declared_terms.
All people, organisations, hosts and numbers are invented. Fake secrets are assembled from
pieces at run time so that this source file holds no string a secret scanner would flag.
"""

CASES = []


def H(domain, fmt, text, remove=(), keep=(), declared=None):
    c = {"domain": domain, "format": fmt, "text": text,
         "remove": [{"text": t, "kind": k} for (t, k) in remove], "keep": list(keep)}
    if declared:
        c["declared_terms"] = list(declared)
    CASES.append(c)


AWS = "AK" + "IA" + "Q7WZ3R" + "EXAMPLE" + "KEY"[:0] + "XK9"
GH = "gh" + "p_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"
SLACK = "xo" + "xb-" + "20931234567-88812345678-" + "FAKEq8RkT2mVx7LpN4sWz1Yc"
STRIPE = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
JWT = ("ey" + "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + "." + "ey" + "JzdWIiOiI4ODIxMDQiLCJyb2xlIjoib3BzIn0"
       + ".Qm9ndXNTaWduYXR1cmVOb3RSZWFsX2FiY2RlZmdoaWprbG0")
GOOG = "AI" + "za" + "SyFAKE-9xQ2mW4rT6yU8iO0pA3sD5fG7hJ"
GLPAT = "gl" + "pat-" + "FAKEz8Yx7Wv6Ut5Sr4Qp"

# ---------------------------------------------------------------- software operations
H("software", "chat",
  "[02:14] marta: db-prod-03 disk at 97%, postgres refusing writes\n"
  "[02:15] tomasz: on it. @kofi.mensah can you check the WAL archiver?\n"
  "[02:19] kofi.mensah: archiver stuck since 01:50, restarting\n",
  [("marta", "person"), ("db-prod-03", "host"), ("tomasz", "person"), ("kofi.mensah", "person")],
  ["97%", "WAL archiver", "01:50"])
H("software", "prose",
  "At 14:32 UTC Jennifer Okonkwo noticed that the checkout service in eu-west-1 returned HTTP 502 "
  "for 18% of requests. She paged Rahul Deshpande, who identified a bad Envoy config push.",
  [("Jennifer Okonkwo", "person"), ("Rahul Deshpande", "person")],
  ["eu-west-1", "HTTP 502", "18%", "Envoy", "14:32 UTC"])
H("software", "log",
  "Mar 11 03:12:09 ip-10-20-3-44 kernel: [8812.331] Out of memory: Killed process 4121 (java) "
  "total-vm:8123456kB, anon-rss:6123000kB",
  [("Mar 11 03:12:09", "date"), ("ip-10-20-3-44", "host")], ["Out of memory", "java", "total-vm:8123456kB"])
H("software", "config",
  "spring.datasource.url=jdbc:postgresql://pg-primary.payments.internal:5432/ledger\n"
  "spring.datasource.username=ledger_app\nspring.datasource.password=Tulip-Quarry-2291\n"
  "spring.jpa.hibernate.ddl-auto=validate\n",
  [("pg-primary.payments.internal", "host"), ("Tulip-Quarry-2291", "secret")],
  ["5432", "ddl-auto=validate", "jdbc:postgresql"])
H("software", "prose",
  "Thanks to Siobhan and Arjun for staying late. Siobhan's analysis of the GC logs was what cracked it.",
  [("Siobhan", "person"), ("Arjun", "person")], ["GC logs"])
H("software", "chat",
  "<zorvane> anyone touched the haproxy maps?\n<quillan> me, rolled back 5 min ago\n"
  "<zorvane> ok ty quillan\n",
  [("zorvane", "person"), ("quillan", "person")], ["haproxy", "5 min"])
H("software", "email",
  "-----Original Message-----\nFrom: Lars Eriksen <lars.eriksen@fjordline-cargo.no>\n"
  "Sent: Tuesday\nSubject: VPN outage\n\nThe Fortinet tunnel to 81.2.69.160 dropped again. "
  "Please call +47 22 12 34 56.\n",
  [("Lars Eriksen", "person"), ("lars.eriksen@fjordline-cargo.no", "email"), ("81.2.69.160", "ip"),
   ("+47 22 12 34 56", "phone")], ["Fortinet", "VPN"])
H("software", "config",
  "[client]\nhost = mysql-reporting-02.corp\nuser = report_ro\npassword = \"Ledger!Bright77\"\n"
  "max_allowed_packet = 64M\n",
  [("mysql-reporting-02.corp", "host"), ("Ledger!Bright77", "secret")], ["max_allowed_packet", "64M"])
H("software", "log",
  "WARN  [http-nio-8080-exec-7] c.z.a.AuthFilter - token rejected: Authorization: Bearer " + JWT
  + " (expired 2 minutes ago)",
  [(JWT, "secret")], ["http-nio-8080-exec-7", "2 minutes"])
H("software", "chat",
  "hey can someone rotate " + AWS + "? it ended up in the build log for job 88213",
  [(AWS, "secret")], ["build log"])
H("software", "config",
  "git remote set-url origin https://oauth2:" + GLPAT + "@gitlab.brennan-analytics.io/platform/infra.git",
  [(GLPAT, "secret"), ("gitlab.brennan-analytics.io", "host")], ["git remote set-url origin"])
H("software", "prose",
  "The SLACK_BOT_TOKEN (" + SLACK + ") had been committed to a public gist; GitHub secret scanning "
  "alerted us within 4 minutes.",
  [(SLACK, "secret")], ["GitHub", "4 minutes", "secret scanning"])
H("software", "log",
  "stripe.error.AuthenticationError: Invalid API Key provided: " + STRIPE,
  [(STRIPE, "secret")], ["stripe.error.AuthenticationError"])
H("software", "config",
  "maps:\n  provider: google\n  key: " + GOOG + "\n  zoom: 12\n",
  [(GOOG, "secret")], ["zoom: 12"])
H("software", "chat",
  "yikes, " + GH + " was in the README for 3 hours. revoked now.",
  [(GH, "secret")], ["README", "3 hours"])
H("software", "prose",
  "Root cause: the Terraform plan replaced the aws_db_instance because engine_version drifted from "
  "13.7 to 13.11. Nobody reviewed the diff because the PR was auto-merged by Renovate.",
  [], ["Terraform", "aws_db_instance", "13.7", "13.11", "Renovate", "engine_version"])
H("software", "prose",
  "Impact: 37% of API requests in us-east-1 failed with 503 between 10:04 and 10:52 (48 minutes). "
  "Kubernetes HPA could not scale because the metrics-server was OOMKilled.",
  [], ["37%", "us-east-1", "503", "48 minutes", "Kubernetes", "HPA", "metrics-server", "OOMKilled"])
H("software", "stacktrace",
  "panicked at 'called `Result::unwrap()` on an `Err` value: Os { code: 28, kind: StorageFull }', "
  "src/segment.rs:212:41\nnote: run with `RUST_BACKTRACE=1`",
  [], ["Result::unwrap()", "code: 28", "StorageFull", "src/segment.rs:212:41", "RUST_BACKTRACE=1"])
H("software", "log",
  "level=error ts=2024-06-02T08:41:17.331Z caller=compact.go:511 component=compactor "
  "msg=\"compaction failed\" err=\"write /data/01HZ: no space left on device\"",
  [("2024-06-02T08:41:17.331Z", "date")], ["compact.go:511", "no space left on device", "compactor"])
H("software", "chat",
  "Elowen: i think the cert expired on the edge LB\nDacre: confirmed, Let's Encrypt renewal cron died\n"
  "Elowen: renewing by hand now",
  [("Elowen", "person"), ("Dacre", "person")], ["Let's Encrypt", "cron", "edge LB"])
H("software", "prose",
  "We would like to thank Northwind Freight Ltd for their patience. Their integration team, led by "
  "Camille Fontaine, helped reproduce the webhook retries.",
  [("Northwind Freight Ltd", "org"), ("Camille Fontaine", "person")], ["webhook retries"])
H("software", "prose",
  "Customer-facing impact: users of the Acorn app saw stale balances. Acorn is built by our mobile team.",
  [("Acorn", "org")], ["stale balances", "mobile team"], declared=["Acorn"])
H("software", "prose",
  "A reporter from Halvorsen Media asked about the outage; comms replied with the status page link.",
  [("Halvorsen Media", "org")], ["status page"], declared=["Halvorsen Media"])
H("software", "log",
  "Jun 02 10:11:45 bastion-1 sshd[3310]: Failed password for invalid user jsmith from 185.220.101.7 port 41992 ssh2",
  [("Jun 02 10:11:45", "date"), ("bastion-1", "host"), ("jsmith", "username"), ("185.220.101.7", "ip")], ["Failed password", "port 41992", "ssh2"])
H("software", "log",
  "C:\\Users\\akowalski\\AppData\\Local\\Temp\\setup.log: MSI error 1603 while installing the agent",
  [("akowalski", "username")], ["MSI error 1603", "setup.log"])
H("software", "prose",
  "The share \\\\fs01.corp\\finance$\\close was mounted read-only after the ransomware alert.",
  [("\\\\fs01.corp\\finance$\\close", "path")], ["read-only", "ransomware"])
H("software", "config",
  "REDIS_URL=redis://:Cobalt7Lantern@cache-prod-02:6379/0\nCELERY_BROKER=amqp://guest:guest@localhost:5672//\n",
  [("Cobalt7Lantern", "secret"), ("cache-prod-02", "host")], ["6379", "localhost:5672"])
H("software", "prose",
  "DNS for status.tallgrass-energy.com pointed at an old Heroku app; 1.1.1.1 and 8.8.8.8 resolved it "
  "differently for 20 minutes.",
  [("status.tallgrass-energy.com", "host")], ["Heroku", "1.1.1.1", "8.8.8.8", "20 minutes"])
H("software", "chat",
  "@channel the deploy freeze starts Friday. ping @wrenna.t or @oisin if you need an exception",
  [("wrenna.t", "person"), ("oisin", "person")], ["@channel", "deploy freeze", "Friday"])
H("software", "prose",
  "Dear Ms. Abernathy-Cole, thank you for reporting the duplicate invoices.",
  [("Abernathy-Cole", "person")], ["duplicate invoices"])
H("software", "prose",
  "Signed,\nHenrik Lindqvist\nSite Reliability Engineering",
  [("Henrik Lindqvist", "person")], ["Site Reliability Engineering"])
H("software", "log",
  "E0612 04:20:11.118 kubelet.go:2412] \"Error syncing pod\" err=\"failed to \\\"StartContainer\\\" "
  "for \\\"api\\\" with CrashLoopBackOff\" pod=\"orders/api-7f9c6d-xk2lp\" node=\"gke-prod-pool-2-a81c\"",
  [("gke-prod-pool-2-a81c", "host")], ["CrashLoopBackOff", "kubelet.go:2412", "StartContainer"])
H("software", "config",
  "server {\n  listen 443 ssl;\n  server_name pay.kestrel-payments.co.uk;\n"
  "  ssl_certificate /etc/ssl/kestrel.pem;\n  proxy_pass http://10.44.2.19:8080;\n}",
  [("pay.kestrel-payments.co.uk", "host"), ("10.44.2.19", "ip")], ["listen 443 ssl", "proxy_pass"])
H("software", "prose",
  "The on-call engineer escalated to the incident commander, who declared a SEV1 and opened a bridge. "
  "Database failover to the replica in us-west-2 took 6 minutes; RPO was zero.",
  [], ["on-call engineer", "incident commander", "SEV1", "us-west-2", "6 minutes", "RPO"])
H("software", "chat",
  "priya.n: who owns the ci-runner-07 box?\nbrisco: that's ours, the disk filled with docker layers\n",
  [("priya.n", "person"), ("ci-runner-07", "host"), ("brisco", "person")], ["docker layers"])
H("software", "prose",
  "Per the vendor (Corvantis Systems AG), the firmware bug affects only RAID controllers on 4.2.x.",
  [("Corvantis Systems AG", "org")], ["RAID controllers", "4.2.x", "firmware bug"])
H("software", "prose",
  "Mehmet Yılmaz and Zoë Laurent-Duval were on call. Mehmet's laptop had the only copy of the script.",
  [("Mehmet Yılmaz", "person"), ("Zoë Laurent-Duval", "person"), ("Mehmet", "person")], ["on call", "script"])
H("software", "log",
  "fatal: unable to access 'https://git.pinecrest-foods.net/ops/ansible.git/': Could not resolve host",
  [("https://git.pinecrest-foods.net/ops/ansible.git/", "url")], ["Could not resolve host", "fatal"])
H("software", "prose",
  "See the upstream issue https://github.com/kubernetes/kubernetes/issues/110211 and the AWS docs at "
  "https://docs.aws.amazon.com/eks/latest/userguide/troubleshooting.html.",
  [], ["https://docs.aws.amazon.com/eks/latest/userguide/troubleshooting.html"])
H("software", "prose",
  "Our internal dashboard https://grafana.ops.meridian-health.org/d/x1/api shows the spike.",
  [("https://grafana.ops.meridian-health.org/d/x1/api", "url")], ["dashboard", "spike"])
H("software", "chat",
  "fyi I emailed j.tremayne@solvane-energy.de and cc'd ops@solvane-energy.de about the BGP leak",
  [("j.tremayne@solvane-energy.de", "email"), ("ops@solvane-energy.de", "email")], ["BGP leak"])
H("software", "prose",
  "Log4j (CVE-2021-44228) was present in the reporting jar 2.14.1; we upgraded to 2.17.1 within 36 hours.",
  [], ["Log4j", "CVE-2021-44228", "2.14.1", "2.17.1", "36 hours"])
H("software", "log",
  "192.0.2.44 - - [12/Mar/2024:06:25:24 +0000] \"GET /api/v1/users/me HTTP/1.1\" 500 312 \"-\" \"okhttp/4.9.3\"",
  [("192.0.2.44", "ip"), ("12/Mar/2024:06:25:24 +0000", "date")], ["GET /api/v1/users/me", "500", "okhttp/4.9.3"])
H("software", "prose",
  "The migration was owned by Quilla Ashgrove; Ashgrove had run it twice in staging.",
  [("Quilla Ashgrove", "person"), ("Ashgrove", "person")], ["migration", "staging"])

# ---------------------------------------------------------------- aviation
H("aviation", "prose",
  "While descending through FL240 the crew of N417QS received an ACARS message reporting a hydraulic "
  "system B low-pressure caution. The captain elected to divert; the first officer ran the QRH.",
  [("N417QS", "aircraft")], ["FL240", "ACARS", "hydraulic system B", "captain", "first officer", "QRH"])
H("aviation", "log",
  "SPEEDBIRD 287 heavy, climb and maintain flight level 350, squawk 4621",
  [("SPEEDBIRD 287", "flight")], ["flight level 350", "squawk 4621"])
H("aviation", "prose",
  "Captain Ingrid Halvorsen-Berg (G-EZTK) reported a bird strike on the 09R departure from Heathrow.",
  [("Ingrid Halvorsen-Berg", "person"), ("G-EZTK", "aircraft")], ["bird strike", "09R", "departure"])
H("aviation", "prose",
  "Flight DL1842 was delayed 3 hours when the MCAS-equivalent trim monitor failed its BITE test.",
  [("DL1842", "flight")], ["3 hours", "BITE test", "trim monitor"])
H("aviation", "prose",
  "The Cessna 172 (N7193K) departed at 1422 local with 38 gallons; the student pilot, Tavish Ormsby, "
  "reported carburettor icing at 4,500 ft.",
  [("N7193K", "aircraft"), ("Tavish Ormsby", "person")], ["Cessna 172", "38 gallons", "carburettor icing", "4,500 ft"])
H("aviation", "prose",
  "An A320 registered D-AIZQ had its ADS-B transponder report the wrong ICAO 24-bit address after maintenance.",
  [("D-AIZQ", "aircraft")], ["A320", "ADS-B", "ICAO 24-bit address"])
H("aviation", "chat",
  "dispatch: UAL1549 needs a new release, fuel 14.2\nmx: tail N106US APU inop, MEL 49-1\n",
  [("UAL1549", "flight"), ("N106US", "aircraft")], ["APU inop", "MEL 49-1", "fuel 14.2"])
H("aviation", "prose",
  "Position at the time of the TCAS RA was 51°28′N 0°27′W, approximately 6 nm east of the airfield.",
  [("51°28′N 0°27′W", "gps")], ["TCAS RA", "6 nm"])
H("aviation", "prose",
  "The ATIS information Kilo reported wind 270 at 18 gusting 30; runway 27R was in use.",
  [], ["ATIS", "Kilo", "270 at 18 gusting 30", "runway 27R"])
H("aviation", "prose",
  "Ramp agent Kwabena Asante was struck by the belt loader; OSHA was notified within 8 hours.",
  [("Kwabena Asante", "person")], ["belt loader", "OSHA", "8 hours"])
H("aviation", "prose",
  "I was flying VH-OQA from Sydney when the FMS dropped the SID. My FO, Matthew, caught it on the ND.",
  [("VH-OQA", "aircraft"), ("Matthew", "person")], ["FMS", "SID", "ND"])

# ---------------------------------------------------------------- healthcare
H("healthcare", "prose",
  "On the night shift of 3 February 2025 the Alaris infusion pump on bed 12 alarmed repeatedly. "
  "Nurse Adaeze Nwosu silenced it; the EHR showed the order as discontinued.",
  [("3 February 2025", "date"), ("Adaeze Nwosu", "person")], ["Alaris infusion pump", "bed 12", "EHR", "night shift"])
H("healthcare", "log",
  "HL7 ORM^O01 from PACS rejected: MRN: 00482913 not found in MPI",
  [("00482913", "medical_record")], ["HL7", "ORM^O01", "PACS", "MPI"])
H("healthcare", "prose",
  "Dr. Haruto Sato ordered 5 mg of morphine; the CPOE defaulted to 50 mg. The pharmacist, Ms. Grace "
  "Achterberg, intercepted the order.",
  [("Haruto Sato", "person"), ("Grace Achterberg", "person")], ["5 mg", "CPOE", "50 mg", "pharmacist", "morphine"])
H("healthcare", "prose",
  "The patient's NHS number 943 476 5919 and date of birth were printed on the wrong wristband.",
  [("943 476 5919", "national_id")], ["wristband"])
H("healthcare", "chat",
  "charge nurse: telemetry dropped for rooms 401-412 at 02:10\nbiomed (Yusuf): the network switch in the "
  "IDF rebooted, back at 02:24\n",
  [("Yusuf", "person")], ["charge nurse", "telemetry", "rooms 401-412", "IDF", "02:24"])
H("healthcare", "prose",
  "St. Brigid's Clinic Ltd reported that the MRI scheduler double-booked 14 patients after the DST change.",
  [("St. Brigid's Clinic Ltd", "org")], ["MRI scheduler", "14 patients", "DST change"])
H("healthcare", "prose",
  "Patient ID: PT-4471829 was merged with another chart; HIM corrected it the next morning.",
  [("PT-4471829", "medical_record")], ["HIM"])
H("healthcare", "prose",
  "The ventilator (serial 44K-1123) reported a 'high pressure' alarm; respiratory therapy found a kinked circuit.",
  [], ["ventilator", "high pressure", "respiratory therapy", "kinked circuit"])
H("healthcare", "email",
  "Please contact our privacy officer, Beatriz Carvalho, at beatriz.carvalho@lumenar-clinics.pt or "
  "+351 21 123 4567.",
  [("Beatriz Carvalho", "person"), ("beatriz.carvalho@lumenar-clinics.pt", "email"), ("+351 21 123 4567", "phone")],
  ["privacy officer"])
H("healthcare", "prose",
  "The glucose meter interface sent results for the wrong encounter (encounter id 7781220) because the "
  "barcode scanner prefix was misconfigured.",
  [("7781220", "medical_record")], ["glucose meter", "barcode scanner"])

# ---------------------------------------------------------------- manufacturing
H("manufacturing", "prose",
  "Operator Pedro Alvarenga bypassed the light curtain on press 4 to clear a jam; the safety PLC logged "
  "the bypass at 22:41.",
  [("Pedro Alvarenga", "person")], ["light curtain", "press 4", "safety PLC", "22:41"])
H("manufacturing", "log",
  "2025-01-17 06:02:13 CNC-12 ALARM 1014: spindle overload; operator badge 55812",
  [("2025-01-17 06:02:13", "date"), ("55812", "account_id")], ["CNC-12", "ALARM 1014", "spindle overload"])
H("manufacturing", "prose",
  "The MES at the Ostrava plant lost its connection to the historian (hist01.plant.local) for 3 hours, "
  "so 2,400 parts were produced without traceability.",
  [("hist01.plant.local", "host")], ["MES", "historian", "3 hours", "2,400 parts"])
H("manufacturing", "prose",
  "Supplier Kingsmere Components Pty Ltd shipped resin with the wrong viscosity (lot 2291-B).",
  [("Kingsmere Components Pty Ltd", "org")], ["resin", "viscosity", "lot 2291-B"])
H("manufacturing", "chat",
  "shift lead: conveyor 2 VFD tripped on overcurrent again\nmaint (Rolf): replacing the contactor, 40 min\n",
  [("Rolf", "person")], ["conveyor 2", "VFD", "overcurrent", "contactor", "40 min"])
H("manufacturing", "config",
  "opcua:\n  endpoint: opc.tcp://10.12.0.40:4840\n  security_policy: Basic256Sha256\n  username: line3_hmi\n  password: Kestrel#4410\n",
  [("10.12.0.40", "ip"), ("Kestrel#4410", "secret")], ["opc.tcp", "4840", "Basic256Sha256"])
H("manufacturing", "prose",
  "The robot cell (KUKA KR 210) stopped when the safety fence interlock opened; no one was injured.",
  [], ["KUKA KR 210", "safety fence interlock", "robot cell"])
H("manufacturing", "prose",
  "Maintenance planner Anjali Raghunathan scheduled the bearing replacement for the weekend.",
  [("Anjali Raghunathan", "person")], ["bearing replacement", "Maintenance planner"])

# ---------------------------------------------------------------- finance
H("finance", "prose",
  "A duplicate SWIFT MT103 was sent for invoice #INV-77120 to IBAN GB33 BUKB 2020 1555 5555 55; "
  "the beneficiary bank returned it two days later.",
  [("INV-77120", "account_id"), ("GB33 BUKB 2020 1555 5555 55", "iban")], ["SWIFT", "MT103", "two days"])
H("finance", "log",
  "txn=8812 status=DECLINED card=4111 1111 1111 1111 amount=42.00 EUR reason=insufficient_funds",
  [("4111 1111 1111 1111", "credit_card")], ["DECLINED", "42.00 EUR", "insufficient_funds"])
H("finance", "prose",
  "Account 40918822 belonging to Giulia Romano was frozen by the AML rule engine after 14 transfers "
  "under the reporting threshold.",
  [("40918822", "account_id"), ("Giulia Romano", "person")], ["AML rule engine", "14 transfers", "reporting threshold"])
H("finance", "prose",
  "The ledger reconciliation for the ACH batch was off by $1,204.55; the FIX gateway was not involved.",
  [], ["ledger reconciliation", "ACH", "$1,204.55", "FIX gateway"])
H("finance", "chat",
  "ops-bot: settlement file for Zephyrine Capital SA failed checksum\nkarim: re-requesting from the SFTP drop\n",
  [("Zephyrine Capital SA", "org"), ("karim", "person")], ["settlement file", "checksum", "SFTP"])
H("finance", "prose",
  "Refund sent to DE89 3704 0044 0532 0130 00 instead of the customer's registered account.",
  [("DE89 3704 0044 0532 0130 00", "iban")], ["Refund"])
H("finance", "prose",
  "The customer (SSN 219-09-9999) called the branch from (312) 555-0143 to dispute the charge.",
  [("219-09-9999", "national_id"), ("(312) 555-0143", "phone")],
  ["branch"])
H("finance", "prose",
  "Trading halted for 11 minutes after the risk engine rejected all orders with error code RISK-4002.",
  [], ["11 minutes", "risk engine", "RISK-4002"])
H("finance", "prose",
  "Our card processor Brightwater Payments notified us; Brightwater's SOC found the skimmer script.",
  [("Brightwater Payments", "org"), ("Brightwater", "org")], ["skimmer script", "SOC"],
  declared=["Brightwater Payments"])
H("finance", "prose",
  "Cardholder Amex 3782 822463 10005 was charged in the wrong currency.",
  [("3782 822463 10005", "credit_card")], ["wrong currency"])

# ---------------------------------------------------------------- mixed, declared terms, tricky keeps
H("software", "prose",
  "The Go service used Redis Sentinel; Jordan from the data team said Sentinel failover took 30 s.",
  [("Jordan", "person")], ["Go", "Redis Sentinel", "30 s"])
H("software", "prose",
  "We use Grafana, Loki and Tempo on GKE; Prometheus scrapes every 15s.",
  [], ["Grafana", "Loki", "Tempo", "GKE", "Prometheus", "15s"])
H("software", "prose",
  "Jade Okoro's PR changed the nginx worker_connections from 1024 to 16; Jade reverted it.",
  [("Jade Okoro", "person"), ("Jade", "person")], ["nginx", "worker_connections", "1024", "16"])
H("software", "prose",
  "Our largest customer, Umbrel Foods, saw checkout errors; their CTO emailed us directly.",
  [("Umbrel Foods", "org")], ["checkout errors", "CTO"], declared=["Umbrel Foods"])
H("software", "prose",
  "internal codename falcon-eye was leaked in a public repo; falcon-eye is the fraud model.",
  [("falcon-eye", "org")], ["fraud model", "public repo"], declared=["falcon-eye"])
H("software", "prose",
  "Sam and Alex both ran the migration; Sam's run locked the users table for 9 minutes.",
  [("Sam", "person"), ("Alex", "person")], ["users table", "9 minutes"], declared=["Sam", "Alex"])
H("software", "log",
  "INFO  2024-11-02 04:00:00,001 scheduler: job nightly-backup started on backup-prod-01 (pid 7712)",
  [("2024-11-02 04:00:00,001", "date"), ("backup-prod-01", "host")], ["nightly-backup", "pid 7712"])
H("software", "prose",
  "The error ERR_SSL_VERSION_OR_CIPHER_MISMATCH appeared after the CDN switched to TLS 1.3 only.",
  [], ["ERR_SSL_VERSION_OR_CIPHER_MISMATCH", "TLS 1.3", "CDN"])
H("software", "prose",
  "Mitigation steps were coordinated in #inc-2291 by the IC. Communications lead: Freya Holm.",
  [("Freya Holm", "person")], ["#inc-2291", "IC"])
H("software", "prose",
  "Between 08:00 and 08:45 the p95 latency of the search API rose from 120ms to 4.8s; 0.4% of requests timed out.",
  [], ["08:45", "p95", "120ms", "4.8s", "0.4%"])
