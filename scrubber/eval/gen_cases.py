#!/usr/bin/env python3
"""Generate the labelled evaluation sets for the scrubber: scrubber/eval/cases.jsonl and
scrubber/eval/holdout.jsonl (from holdout.py).

    python3 scrubber/eval/gen_cases.py            # writes scrubber/eval/cases.jsonl

Two parts:
  * template cases: many templates (chat logs, log lines, stack traces, config snippets,
    formal prose, clean text) across software operations, aviation, healthcare,
    manufacturing and finance, filled with entities drawn from pools below with a fixed
    seed (deterministic output);
  * hand-written cases (handwritten.py beside this file), realistic and varied.

Every entity is synthetic. Fake secrets have random bodies; in the written JSON their
well-known prefixes are spelled with a JSON \\u escape (e.g. "\\u0041KIA") so that no
secret scanner that greps raw files takes them for real credentials, while any JSON parser
reads the intended text.

Case schema (one JSON object per line):
  id, domain, format, text, declared_terms (optional), remove: [{text, kind}], keep: [str]
`remove` lists every string that must not survive (each occurrence must be covered by a
finding); `keep` lists technical terms that must stay untouched.
"""
import json
import os
import random
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

R = random.Random(20261125)

# ---------------------------------------------------------------- entity pools
GIVEN = """Alice Priya Oluwaseun Hiroshi Mateo Sofia Lukas Amara Chen Fatima Ingrid Tomasz
Aisha Rafael Yuki Kwame Elena Dmitri Siobhan Arjun Mei Javier Noor Henrik Chiara Malik
Ananya Pieter Leila Diego Hannah Kenji Zainab Olga Bruno Camille Tariq Astrid Nikolai Ines
Samuel Grace Omar Freya Luca Julia Andrei Nadia Emeka Sven Beatriz Hamza Marta Wei Rosa
Daniel Laura Karim Ayesha Jonas Clara Mohammed Eva Matthias Isabel Thabo Yara Stefan Lina
Rohan Ewa Felipe Maja Kofi Anja Sebastian Irene Haruto Leonie Adebayo Sakura Viktor Paula""".split()
SURNAMES = """Smith Okafor Tanaka Garcia Novak Kowalski Mensah Andersen Rossi Ivanova Patel
Nguyen Schmidt Dubois Haddad Fernandes Kim Oyelaran Lindqvist Moreau Yilmaz Castillo Brennan
Sato Mwangi Jensen Ferrari Kuznetsov Singh Zhang Weber Laurent Costa Abubakar Hansen Bianchi
Petrov Sharma Wang Becker Lefebvre Santos Adeyemi Nielsen Romano Volkov Gupta Li Fischer
Girard Oliveira Chukwu Berg Esposito Morozov Reddy Liu Wagner Bonnet Pereira Nakamura Dahl
Greco Sokolov Iyer Huang Hoffmann Fontaine Almeida Yamamoto Holm Conti Lebedev Kaur Zhao
Schulz Mercier Ribeiro Kobayashi Eriksen Ricci Pavlov Mehta Xu Koch Rousseau Carvalho""".split()
# Names that are unusual and NOT expected in any built-in list: detection must come from
# context (cues, chat labels, handles, "X said").
RARE_GIVEN = "Zorvan Quilla Tavish Brisco Elowen Dacre Ysolde Caspian Orrin Wrenna Thandeka Oisin".split()
RARE_SUR = "Quennell Ashgrove Tremayne Vasquell Brightwell Ormsby Pendleford Caddock".split()

ORG_WORDS_A = """Brightwater Northwind Zentrix Halvorsen Bluepeak Corvantis Kestrel Meridian
Solvane Tallgrass Vireo Quantora Ashford Lumenar Ostrava Pinecrest Redwick Silverline
Tessaro Umbrel Varden Westmark Yarrowby Zephyrine Caldera Dunmore Elmstead Fairhaven
Glenholt Harrowgate Ironvale Juniper Kingsmere Larkspur Morwenna Norrland Oakhurst""".split()
ORG_WORDS_B = """Logistics Payments Health Aviation Manufacturing Robotics Analytics Capital
Foods Energy Systems Networks Airways Medical Pharma Insurance Freight Bank Devices
Components Clinics Labs Holdings Motors""".split()
LEGAL = ["GmbH", "Inc.", "Ltd", "LLC", "S.A.", "AG", "BV", "Pty Ltd", "plc", "SAS", "S.p.A.", "Oy", "AB"]
TLDS = ["com", "io", "co.uk", "de", "net", "fr", "nl", "com.au", "eu", "dev"]
CODENAMES = "Bluefin Nightjar Halcyon Tamarack Obsidian Kestrel Marigold Sandpiper Ironbark Cinder Quokka Larch".split()

TECH_KEEP = [
    "PostgreSQL 14.2", "Kafka", "Kubernetes", "Redis", "nginx", "Terraform", "Elasticsearch",
    "MySQL 5.7", "RabbitMQ", "etcd", "HAProxy", "Envoy", "Prometheus", "Grafana", "Docker",
    "Java", "Python", "Go", "Node.js", "Ansible", "Cassandra", "MongoDB", "Vault", "Consul",
    "Istio", "Jenkins", "Helm", "Linux", "systemd", "OpenSSL", "Nomad", "Zookeeper",
    "CockroachDB", "ClickHouse", "Memcached", "Spark", "Airflow", "Celery", "Sidekiq",
]
VENDORS = ["AWS", "Cloudflare", "GitHub", "Google Cloud", "Azure", "Fastly", "Akamai", "Datadog", "PagerDuty"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "europe-west1", "us-central1", "eu-central-1"]
ERRCODES = ["ORA-00600", "ERR_CONNECTION_RESET", "ECONNREFUSED", "errno 28", "SQLSTATE 40001",
            "ENOSPC", "OOMKilled", "CrashLoopBackOff", "HTTP 503", "502", "504", "429", "SIGKILL"]
CVES = ["CVE-2021-44228", "CVE-2023-4863", "CVE-2024-3094", "CVE-2022-0778", "CVE-2014-0160"]
ROLES = ["the incident commander", "the on-call engineer", "the duty manager", "the charge nurse",
         "the captain", "the first officer", "the shift supervisor", "the release manager"]
AV_VOCAB = ["TCAS", "ADS-B", "FMS", "ACARS", "ILS", "MCAS", "APU", "QRH", "ATIS", "VOR"]
MED_VOCAB = ["infusion pump", "EHR", "PACS", "HL7", "telemetry monitor", "MAR", "CPOE", "ventilator"]
MFG_VOCAB = ["PLC", "SCADA", "OPC UA", "Modbus", "HMI", "MES", "CNC", "conveyor"]
FIN_VOCAB = ["SWIFT", "ISO 20022", "ACH", "FIX", "ledger", "settlement batch", "PCI DSS", "3-D Secure"]

SERVICES = ["payments", "checkout", "auth", "billing", "search", "ledger", "orders", "notify",
            "ingest", "reports", "gateway", "inventory", "scheduler", "claims", "pharmacy"]
ENVS = ["prod", "staging", "prd", "stg", "uat", "dev", "preprod"]


def pick(xs):
    return R.choice(xs)


class Org:
    def __init__(self):
        a = pick(ORG_WORDS_A)
        b = pick(ORG_WORDS_B)
        self.short = a
        self.name = f"{a} {b}"
        self.legal = f"{a} {b} {pick(LEGAL)}"
        slug_style = R.random()
        if slug_style < 0.5:
            self.slug = a.lower()
        elif slug_style < 0.8:
            self.slug = f"{a.lower()}-{b.lower()}"
        else:
            self.slug = f"{a.lower()}{b.lower()}"
        self.domain = f"{self.slug}.{pick(TLDS)}"


class Person:
    def __init__(self, rare=False):
        if rare:
            self.first = pick(RARE_GIVEN)
            self.last = pick(RARE_SUR)
        else:
            self.first = pick(GIVEN)
            self.last = pick(SURNAMES)
        self.full = f"{self.first} {self.last}"
        self.handle = pick([f"{self.first.lower()}.{self.last.lower()}",
                            f"{self.first[0].lower()}{self.last.lower()}",
                            f"{self.first.lower()}{R.randint(1, 99)}",
                            f"{self.first.lower()}_{self.last.lower()[:3]}"])
        self.user = pick([f"{self.first[0].lower()}{self.last.lower()}",
                          f"{self.first.lower()}.{self.last.lower()}",
                          f"{self.first.lower()}{self.last[0].lower()}"])

        self.local = pick([f"{self.first.lower()}.{self.last.lower()}",
                           f"{self.first[0].lower()}{self.last.lower()}",
                           f"{self.first.lower()}"])

    def email(self, org):
        return f"{self.local}@{org.domain}"


def two_people():
    a = Person()
    b = Person()
    while b.first == a.first or b.last == a.last:
        b = Person()
    return a, b


def ipv4_private():
    return pick([f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(2, 254)}",
                 f"192.168.{R.randint(0, 255)}.{R.randint(2, 254)}",
                 f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(2, 254)}"])


def ipv4_public():
    return f"{pick([23, 34, 52, 81, 91, 145, 185, 198, 203])}.{R.randint(1, 254)}.{R.randint(0, 255)}.{R.randint(2, 254)}"


def ipv6():
    groups = [f"{R.randint(0, 0xffff):x}" for _ in range(6)]
    if R.random() < 0.5:
        return "2001:db8:" + ":".join(groups)
    return f"fd{R.randint(0, 255):02x}:{groups[0]}:{groups[1]}::{groups[2]}"


def mac():
    octs = [f"{R.randint(0, 255):02x}" for _ in range(6)]
    sep = pick([":", "-"])
    m = sep.join(octs)
    return m.upper() if R.random() < 0.4 else m


def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix]
    while len(digits) < length - 1:
        digits.append(R.randint(0, 9))
    for check in range(10):
        cand = digits + [check]
        total = 0
        for i, d in enumerate(reversed(cand)):
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return "".join(map(str, cand))
    raise AssertionError


def card():
    kind = R.random()
    if kind < 0.4:
        n = luhn_complete("4", 16)
    elif kind < 0.7:
        n = luhn_complete(str(R.randint(51, 55)), 16)
    elif kind < 0.85:
        n = luhn_complete(pick(["34", "37"]), 15)
        style = R.random()
        if style < 0.5:
            return f"{n[:4]} {n[4:10]} {n[10:]}"
        return n
    else:
        n = luhn_complete("6011", 16)
    style = R.random()
    if style < 0.4:
        return " ".join(n[i:i + 4] for i in range(0, 16, 4))
    if style < 0.7:
        return "-".join(n[i:i + 4] for i in range(0, 16, 4))
    return n


def iban():
    country, bban = pick([
        ("DE", lambda: "".join(R.choice(string.digits) for _ in range(18))),
        ("GB", lambda: "".join(R.choice(string.ascii_uppercase) for _ in range(4))
         + "".join(R.choice(string.digits) for _ in range(14))),
        ("FR", lambda: "".join(R.choice(string.digits) for _ in range(23))),
        ("NL", lambda: "".join(R.choice(string.ascii_uppercase) for _ in range(4))
         + "".join(R.choice(string.digits) for _ in range(10))),
        ("ES", lambda: "".join(R.choice(string.digits) for _ in range(20))),
        ("IT", lambda: R.choice(string.ascii_uppercase)
         + "".join(R.choice(string.digits) for _ in range(22))),
        ("BE", lambda: "".join(R.choice(string.digits) for _ in range(12))),
        ("CH", lambda: "".join(R.choice(string.digits) for _ in range(17))),
    ])
    b = bban()
    num = "".join(str(int(c, 36)) for c in b + country + "00")
    check = 98 - int(num) % 97
    compact = f"{country}{check:02d}{b}"
    if R.random() < 0.6:
        return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))
    return compact


def rnd(chars, n):
    return "".join(R.choice(chars) for _ in range(n))


ALNUM = string.ascii_letters + string.digits
UPNUM = string.ascii_uppercase + string.digits


def secret():
    """(text, description) of a fake secret."""
    k = R.randint(0, 11)
    if k == 0:
        return "AKIA" + rnd(UPNUM, 9) + "EXAMPLE"
    if k == 1:
        return "ghp_" + rnd(ALNUM, 36)
    if k == 2:
        return "glpat-" + rnd(ALNUM + "_-", 20)
    if k == 3:
        return "xoxb-" + rnd(string.digits, 11) + "-" + rnd(string.digits, 12) + "-FAKE" + rnd(ALNUM, 20)
    if k == 4:
        return "sk_live_" + rnd(ALNUM, 24)
    if k == 5:
        return "AIza" + rnd(ALNUM + "_-", 35)
    if k == 6:
        import base64
        hdr = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
        body = base64.urlsafe_b64encode(
            json.dumps({"sub": rnd(string.digits, 8), "exp": R.randint(1700000000, 1900000000)}).encode()
        ).decode().rstrip("=")
        return f"{hdr}.{body}.{rnd(ALNUM + '_-', 43)}"
    if k == 7:
        return rnd(ALNUM, 8) + rnd(string.digits, 2) + rnd(ALNUM, 22)  # generic high entropy
    if k == 8:
        return "github_pat_" + rnd(ALNUM, 22) + "_" + rnd(ALNUM, 59)
    if k == 9:
        return "sk_test_" + rnd(ALNUM, 24)
    if k == 10:
        return "xoxp-" + rnd(string.digits, 10) + "-" + rnd(ALNUM, 24)
    return rnd(string.ascii_letters + string.digits + "/+", 40)  # aws secret style


def password():
    return pick(["Hunter2!", "Winter2024#", "S3cure-Pa55", "Tr0ub4dor&3", "qwerty!2345",
                 "P@ssw0rd99", "Lamplight#77", "blue-Otter-19", "Zx9!kLm2#", "Sunrise_4411"])[:-1] + rnd(string.digits, 1)


def phone():
    k = R.randint(0, 11)
    if k == 0:
        return f"+44 20 7946 0{R.randint(100, 999)}"
    if k == 1:
        return f"+1 (415) 555-01{R.randint(10, 99)}"
    if k == 2:
        return f"(212) 555-01{R.randint(10, 99)}"
    if k == 3:
        return f"415-555-01{R.randint(10, 99)}"
    if k == 4:
        return f"+49 30 {R.randint(1000000, 9999999)}"
    if k == 5:
        return f"+33 1 {R.randint(10, 99)} {R.randint(10, 99)} {R.randint(10, 99)} {R.randint(10, 99)}"
    if k == 6:
        return f"+91 98{R.randint(100, 999)} {R.randint(10000, 99999)}"
    if k == 7:
        return f"020 7946 0{R.randint(100, 999)}"
    if k == 8:
        return f"+61 2 9{R.randint(100, 999)} {R.randint(1000, 9999)}"
    if k == 9:
        return f"+81 3-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}"
    if k == 10:
        return f"+31 6 {R.randint(1000, 9999)} {R.randint(1000, 9999)}"
    return f"+1-202-555-01{R.randint(10, 99)}"


def host_env():
    return f"{pick(SERVICES)}-{pick(ENVS)}-{R.randint(1, 40):02d}"


def host_internal(org=None):
    k = R.randint(0, 4)
    if k == 0:
        return f"{pick(SERVICES)}{R.randint(1, 9)}.{pick(['internal', 'corp', 'lan', 'local'])}"
    if k == 1:
        return f"{host_env()}.{pick(['internal', 'corp'])}"
    if k == 2:
        return f"ip-10-{R.randint(0, 255)}-{R.randint(0, 255)}-{R.randint(2, 254)}.ec2.internal"
    if k == 3 and org:
        return f"{pick(['vpn', 'jenkins', 'git', 'mail', 'sftp', 'grafana'])}.{org.domain}"
    return f"{pick(['db', 'web', 'app', 'worker', 'kafka', 'redis'])}-{pick(ENVS)}-{R.randint(1, 30):02d}"


def host_short():
    return pick([f"web{R.randint(1, 40):02d}", f"db{pick([1, 3, 4, 5, 6, 7, 8, 9])}", f"kafka-{R.randint(1, 12):02d}",
                 f"worker-{R.randint(10, 99)}", host_env(), f"node{R.randint(1, 50)}"])


def url(org):
    k = R.randint(0, 5)
    if k == 0:
        return f"https://wiki.{org.domain}/display/OPS/{pick(['Runbook', 'Failover', 'DB+Restore'])}"
    if k == 1:
        return f"https://jira.{org.domain}/browse/{pick(['OPS', 'INC', 'SRE'])}-{R.randint(100, 9999)}"
    if k == 2:
        return f"http://grafana.internal:3000/d/{rnd(string.ascii_lowercase + string.digits, 8)}/latency"
    if k == 3:
        return f"https://{org.slug}.atlassian.net/browse/INC-{R.randint(10, 999)}"
    if k == 4:
        return f"https://{org.domain}/status/incidents/{R.randint(1000, 99999)}"
    return f"https://confluence.corp/pages/viewpage.action?pageId={R.randint(100000, 999999)}"


def date_phrase():
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    k = R.randint(0, 3)
    m = pick(months)
    d = R.randint(1, 28)
    y = R.randint(2019, 2026)
    if k == 0:
        return f"{d} {m} {y}"
    if k == 1:
        return f"{m} {d}, {y}"
    if k == 2:
        return f"{y}-{months.index(m) + 1:02d}-{d:02d}"
    return f"{d} {m} {y} at {R.randint(0, 23):02d}:{R.randint(0, 59):02d} UTC"


def tail_n():
    return f"N{R.randint(100, 9999)}{pick(['', 'A', 'XY', 'QS', 'K'])}"


def tail_other():
    return pick([f"G-{rnd(string.ascii_uppercase, 4)}", f"D-A{rnd(string.ascii_uppercase, 3)}",
                 f"VH-{rnd(string.ascii_uppercase, 3)}", f"EI-{rnd(string.ascii_uppercase, 3)}",
                 f"F-G{rnd(string.ascii_uppercase, 3)}", f"C-F{rnd(string.ascii_uppercase, 3)}"])


def flight():
    return pick([f"BA{R.randint(10, 999)}", f"UAL{R.randint(100, 2999)}", f"LH {R.randint(100, 999)}",
                 f"DAL{R.randint(100, 2999)}", f"AF{R.randint(10, 999)}", f"EZY{R.randint(100, 9999)}",
                 f"QF{R.randint(1, 99)}", f"KLM{R.randint(100, 999)}"])


def ssn():
    return f"{R.randint(100, 665)}-{R.randint(10, 99)}-{R.randint(1000, 9999)}"


def nino():
    return f"{pick(['AB', 'CE', 'JG', 'KL', 'PR', 'TW'])} {R.randint(10, 99)} {R.randint(10, 99)} {R.randint(10, 99)} {pick('ABCD')}"


def gps():
    lat = R.uniform(-60, 70)
    lon = R.uniform(-170, 170)
    return f"{lat:.5f}, {lon:.5f}"


def address():
    return pick([
        f"{R.randint(1, 9999)} {pick(['Maple', 'Harbor', 'Lincoln', 'Cedar', 'Mission', 'Oak'])} {pick(['Street', 'Avenue', 'Road', 'Drive', 'Lane', 'Boulevard'])}",
        f"{pick(['Linden', 'Berg', 'Garten', 'Kirch', 'Schiller'])}straße {R.randint(1, 120)}",
        f"{R.randint(1, 80)} rue de la {pick(['Paix', 'Gare', 'République', 'Fontaine'])}",
        f"Calle de {pick(['Alcalá', 'Serrano', 'Velázquez'])} {R.randint(1, 200)}",
        f"{R.randint(1, 300)} {pick(['Baker', 'Victoria', 'King', 'Station'])} Road",
    ])


# ---------------------------------------------------------------- case building
CASES = []


def add(domain, fmt, text, remove, keep, declared=None):
    rem = [{"text": t, "kind": k} for (t, k) in remove]
    for r in rem:
        assert r["text"] in text, (r, text)
    for k in keep:
        assert k in text, (k, text)
    case = {"id": f"gen-{len(CASES) + 1:04d}", "domain": domain, "format": fmt, "text": text}
    if declared:
        case["declared_terms"] = declared
    case["remove"] = rem
    case["keep"] = keep
    CASES.append(case)


def t_chat_ops():
    a, b = two_people()
    org = Org()
    tech = pick(TECH_KEEP)
    h = host_env()
    ip = ipv4_private()
    err = pick(ERRCODES)
    ts = f"{R.randint(0, 23):02d}:{R.randint(0, 59):02d}"
    text = (f"[{ts}] {a.first.lower()}: {h} is throwing {err} again, {tech} looks wedged\n"
            f"[{ts}] {b.first.lower()}: checking, last deploy was {a.first}'s\n"
            f"[{ts}] {a.first.lower()}: failing over to {ip}, cc @{b.handle}\n")
    add("software", "chat", text,
        [(a.first.lower(), "person"), (b.first.lower(), "person"), (a.first, "person"),
         (h, "host"), (ip, "ip"), (b.handle, "person")], [tech, err])


def t_prose_ops():
    a, b = two_people()
    org = Org()
    tech = pick(TECH_KEEP)
    region = pick(REGIONS)
    vendor = pick(VENDORS)
    d = date_phrase()
    pct = f"{R.randint(2, 99)}%"
    dur = f"{R.randint(3, 95)} minutes"
    text = (f"On {d}, {a.full}, the on-call engineer at {org.legal}, was paged when error rates "
            f"for the {pick(SERVICES)} API rose to {pct} in {region}. After {dur} she escalated to "
            f"{b.full}, who rolled back the {tech} change. {vendor} was not involved.")
    add("software", "prose", text,
        [(d, "date"), (a.full, "person"), (org.legal, "org"), (b.full, "person")],
        [tech, region, vendor, pct, dur, "on-call engineer"])


def t_log_lines():
    p = Person()
    org = Org()
    ip = ipv4_private()
    ip2 = ipv4_public()
    h = host_internal(org)
    port = pick(["5432", "6379", "9092", "443", "8080"])
    code = pick(["502", "503", "504", "500", "429"])
    em = p.email(org)
    ts = f"2024-0{R.randint(1, 9)}-1{R.randint(0, 9)}T0{R.randint(0, 9)}:12:44Z"
    text = (f"{ts} ERROR upstream {h}:{port} "
            f"returned {code} client={ip2}\n"
            f"WARN auth: login failed for {em} from {ip}\n"
            f"INFO retrying in {R.randint(2, 30)}s (attempt 3/5)\n")
    add("software", "log", text,
        [(ts, "date"), (h, "host"), (ip2, "ip"), (em, "email"), (ip, "ip")], [port, code, "attempt 3/5"])


def t_stacktrace():
    p = Person()
    host = host_env()
    user = p.user
    tech = pick(["PostgreSQL", "Redis", "Kafka", "MySQL"])
    text = (f"Exception in thread \"main\" java.net.ConnectException: Connection refused (Connection refused)\n"
            f"\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)\n"
            f"\tat com.zaxxon.billing.Reconciler.run(Reconciler.java:{R.randint(40, 400)})\n"
            f"\tat /home/{user}/deploy/releases/20240311/lib/app.jar\n"
            f"Caused by: {tech} at {host}:5432 unreachable\n")
    add("software", "stacktrace", text, [(user, "username"), (host, "host")],
        ["java.net.ConnectException", "ConnectionFactoryImpl.java:319", tech, "5432"])


def t_python_trace():
    p = Person()
    user = p.user
    ip = ipv4_private()
    text = (f"Traceback (most recent call last):\n"
            f"  File \"/Users/{user}/src/ingest/worker.py\", line {R.randint(10, 300)}, in handle\n"
            f"    conn = psycopg2.connect(host=\"{ip}\", dbname=\"orders\")\n"
            f"psycopg2.OperationalError: could not connect to server: Connection timed out\n")
    add("software", "stacktrace", text, [(user, "username"), (ip, "ip")],
        ["psycopg2.OperationalError", "Traceback (most recent call last)", "worker.py"])


def t_config():
    org = Org()
    sec = secret()
    pw = password()
    h = host_internal(org)
    user = pick(["svc_billing", "app_rw", "etl_loader", "reporting"])
    db = pick(["postgres", "mysql", "mongodb", "redis"])
    port = pick(["5432", "3306", "27017", "6379"])
    text = (f"# {pick(SERVICES)}.yaml\n"
            f"database:\n  url: {db}://{user}:{pw}@{h}:{port}/main\n"
            f"  pool_size: {R.randint(5, 50)}\n"
            f"api_key: {sec}\n"
            f"timeout_ms: {R.randint(100, 9000)}\n")
    add("software", "config", text,
        [(pw, "secret"), (h, "host"), (sec, "secret"), (user, "username")],
        ["pool_size", "timeout_ms", port])


def t_env_file():
    sec1 = secret()
    sec2 = secret()
    pw = password()
    text = (f"export AWS_SECRET_ACCESS_KEY={rnd(ALNUM + '/+', 40)}\n"
            f"GITHUB_TOKEN={sec1}\n"
            f"DB_PASSWORD={pw}\n"
            f"STRIPE_KEY=\"{sec2}\"\n"
            f"LOG_LEVEL=debug\nREGION={pick(REGIONS)}\n")
    aws = text.split("=", 1)[1].split("\n", 1)[0]
    add("software", "config", text,
        [(aws, "secret"), (sec1, "secret"), (pw, "secret"), (sec2, "secret")],
        ["LOG_LEVEL=debug", "AWS_SECRET_ACCESS_KEY"])


def t_bearer():
    tok = secret()
    h = f"api.{Org().domain}"
    text = (f"curl -H 'Authorization: Bearer {tok}' https://{h}/v2/orders?limit=50\n"
            f"< HTTP/1.1 401 Unauthorized\n")
    add("software", "log", text, [(tok, "secret"), (f"https://{h}/v2/orders?limit=50", "url")],
        ["HTTP/1.1 401 Unauthorized"])


def t_pem():
    body = "\n".join(rnd(ALNUM + "+/", 64) for _ in range(4))
    block = f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"
    p = Person()
    text = (f"{p.first} accidentally pasted the deploy key into the channel:\n{block}\n"
            f"It was rotated within 20 minutes via Vault.")
    add("software", "chat", text, [(block, "secret"), (p.first, "person")], ["20 minutes", "Vault"])


def t_email_thread():
    a, b = two_people()
    org = Org()
    ph = phone()
    text = (f"From: {a.full} <{a.email(org)}>\nTo: {b.email(org)}\nSubject: RE: {pick(SERVICES)} outage\n\n"
            f"Hi {b.first},\n\nThe {pick(TECH_KEEP)} cluster is healthy again; the HTTP 503 errors stopped "
            f"at {R.randint(1, 12)}:{R.randint(10, 59)}. Call me on {ph} if it recurs.\n\nRegards,\n{a.first}\n")
    add("software", "email", text,
        [(a.full, "person"), (a.email(org), "email"), (b.email(org), "email"), (b.first, "person"),
         (ph, "phone"), (a.first, "person")], ["HTTP 503"])


def t_obf_email():
    p = Person()
    org = Org()
    local = p.first.lower()
    dom = org.domain.split(".")
    obf = f"{local} at {' dot '.join(dom)}"
    text = f"For access requests write to {obf} (do not use the shared inbox)."
    add("software", "prose", text, [(obf, "email")], ["access requests"])


def t_aviation_prose():
    cap = Person()
    fo = Person()
    tail = pick([tail_n(), tail_other()])
    fl = flight()
    alt = f"FL{R.randint(18, 41)}0"
    vocab = pick(AV_VOCAB)
    d = date_phrase()
    text = (f"On {d}, flight {fl} ({tail}) received a {vocab} alert climbing through {alt}. "
            f"Captain {cap.full} disconnected the autopilot while First Officer {fo.last} "
            f"contacted ATC. The crew completed the QRH checklist and landed without further incident.")
    add("aviation", "prose", text,
        [(d, "date"), (fl, "flight"), (tail, "aircraft"), (cap.full, "person"), (fo.last, "person")],
        [vocab, alt, "ATC", "QRH", "autopilot", "First Officer"])


def t_aviation_radio():
    tail = tail_n()
    lat = f"{R.uniform(30, 48):.4f}"
    lon = f"-{R.uniform(75, 122):.4f}"
    text = (f"{tail}: tower, {tail} short final runway 28L, TCAS RA climbing\n"
            f"TWR: {tail}, roger, report clear of traffic. Position {lat}, {lon}.\n")
    add("aviation", "log", text, [(tail, "aircraft"), (f"{lat}, {lon}", "gps")],
        ["runway 28L", "TCAS RA"])


def t_aviation_asrs():
    p = Person()
    fl = flight()
    text = (f"ASRS narrative: During pushback {fl} lost APU bleed; the ground crew lead "
            f"({p.full}, badge number {R.randint(10000, 99999)}) stopped the tug. ADS-B out was "
            f"inoperative per MEL 34-52-01.")
    badge = text.split("badge number ")[1].split(")")[0]
    add("aviation", "prose", text,
        [(fl, "flight"), (p.full, "person"), (badge, "account_id")],
        ["APU", "ADS-B", "MEL 34-52-01"])


def t_health_prose():
    nurse = Person()
    doc = Person()
    mrn = f"{R.randint(1000000, 9999999)}"
    vocab = pick(MED_VOCAB)
    d = date_phrase()
    text = (f"Patient (MRN {mrn}) received a 10x heparin dose on {d} after the {vocab} library "
            f"was out of date. Nurse {nurse.full} noticed the rate at 04:10 and paged Dr. {doc.last}. "
            f"The charge nurse stopped the infusion; no lasting harm.")
    add("healthcare", "prose", text,
        [(mrn, "medical_record"), (d, "date"), (nurse.full, "person"), (doc.last, "person")],
        [vocab, "heparin", "charge nurse", "10x"])


def t_health_hl7():
    p = Person()
    mrn = f"{R.randint(100000, 999999)}"
    ph = phone()
    dob = f"19{R.randint(50, 99)}0{R.randint(1, 9)}1{R.randint(0, 9)}"
    text = (f"HL7 ADT^A08 rejected: PID|1||{mrn}^^^MRN||{p.last.upper()}^{p.first.upper()}||"
            f"{dob}|F|||||{ph}\n"
            f"interface engine error: segment PID-7 invalid, EHR queue depth 4312\n")
    add("healthcare", "log", text,
        [(mrn, "medical_record"), (p.last.upper(), "person"), (p.first.upper(), "person"), (dob, "date"), (ph, "phone")],
        ["HL7", "ADT^A08", "EHR", "PID-7"])


def t_health_ehr_chat():
    a, b = two_people()
    pid = f"{R.randint(10000000, 99999999)}"
    text = (f"{a.first}: the PACS viewer keeps timing out for patient id {pid}\n"
            f"{b.first}: pharmacy says the MAR feed is 20 minutes behind too\n"
            f"{a.first}: ok, opening a P1 with the EHR vendor\n")
    add("healthcare", "chat", text,
        [(a.first, "person"), (b.first, "person"), (pid, "medical_record")],
        ["PACS", "MAR", "EHR", "P1", "20 minutes"])


def t_mfg():
    p = Person()
    org = Org()
    ip = ipv4_private()
    m = mac()
    vocab = pick(MFG_VOCAB)
    text = (f"Line 3 stopped at 02:14 when the {vocab} controller at {ip} (MAC {m}) dropped off "
            f"the OPC UA bus. Shift supervisor {p.full} restarted it from the HMI. "
            f"Spare parts were ordered from {org.legal}.")
    add("manufacturing", "prose", text,
        [(ip, "ip"), (m, "mac"), (p.full, "person"), (org.legal, "org")],
        [vocab, "OPC UA", "HMI", "Line 3"])


def t_mfg_log():
    h = host_short()
    ip = ipv4_private()
    text = (f"PLC-07 fault F0{R.randint(100, 999)}: Modbus timeout reading register 40001 from {ip}\n"
            f"SCADA historian on {h} lagging {R.randint(2, 60)}s; conveyor speed 1.2 m/s\n")
    add("manufacturing", "log", text, [(ip, "ip"), (h, "host")],
        ["Modbus", "SCADA", "register 40001", "1.2 m/s"])


def t_fin():
    p = Person()
    org = Org()
    c = card()
    ib = iban()
    acct = f"{R.randint(10000000, 99999999)}"
    text = (f"The settlement batch failed for customer #{acct}: card {c} was charged twice and "
            f"the refund to {ib} bounced. {p.full} from {org.legal} confirmed via the PCI DSS "
            f"scoped support line. ISO 20022 message pacs.008 was resent at 14:02.")
    add("finance", "prose", text,
        [(acct, "account_id"), (c, "credit_card"), (ib, "iban"), (p.full, "person"), (org.legal, "org")],
        ["settlement batch", "PCI DSS", "ISO 20022", "pacs.008"])


def t_fin_log():
    c = card()
    ip = ipv4_public()
    em = Person().email(Org())
    ts = f"2025-03-0{R.randint(1, 9)} 11:0{R.randint(0, 9)}:31,554"
    text = (f"{ts} WARN [fraud] decline reason=51 "
            f"pan={c} ip={ip} email={em} 3-D Secure challenge timeout after 30s\n")
    add("finance", "log", text, [(ts, "date"), (c, "credit_card"), (ip, "ip"), (em, "email")],
        ["3-D Secure", "reason=51", "30s"])


def t_national_ids():
    p = Person()
    if R.random() < 0.5:
        nid = ssn()
        lab = "SSN"
    else:
        nid = nino()
        lab = "National Insurance number"
    text = (f"The export job wrote {p.full}'s {lab} {nid} into the debug log of the claims "
            f"service; log retention is 30 days.")
    add("finance", "prose", text, [(p.full, "person"), (nid, "national_id")],
        ["30 days", "debug log"])


def t_address():
    p = Person()
    addr = address()
    text = f"The replacement router was shipped to {p.full}, {addr}, instead of the data centre."
    add("software", "prose", text, [(p.full, "person"), (addr, "address")], ["router", "data centre"])


def t_ipv6_mac():
    ip6 = ipv6()
    m = mac()
    h = host_short()
    text = (f"ndp: neighbour {ip6} lladdr {m} on {h} flapped 40 times in 5 minutes; "
            f"BGP session to the ToR stayed up.")
    add("software", "log", text, [(ip6, "ip"), (m, "mac"), (h, "host")], ["BGP", "5 minutes", "ToR"])


def t_url_ticket():
    org = Org()
    u1 = url(org)
    u2 = url(org)
    p = Person()
    text = (f"Follow-ups are tracked in {u1} and the runbook lives at {u2}. "
            f"Owner: {p.full}. See also https://kubernetes.io/docs/concepts/workloads/pods/ for background.")
    add("software", "prose", text, [(u1, "url"), (u2, "url"), (p.full, "person")],
        ["https://kubernetes.io/docs/concepts/workloads/pods/"])


def t_declared():
    org = Org()
    p = Person(rare=True)
    prod = pick(CODENAMES)
    text = (f"{org.short} support escalated the ticket to {p.first} after the {prod} mobile app "
            f"started returning 500s; {org.short}'s status page stayed green for 40 minutes.")
    add("software", "prose", text,
        [(org.short, "org"), (p.first, "person"), (prod, "org")],
        ["500s", "40 minutes", "status page"], declared=[org.short, p.first, prod])


def t_declared_lower():
    org = Org()
    p = Person()
    text = (f"{org.slug}-prod-eks was fine but the {org.short.lower()} billing job failed; "
            f"{p.first.lower()} fixed the cron at 03:00 and {p.last} reviewed it.")
    add("software", "chat", text,
        [(f"{org.slug}-prod-eks", "host"), (org.short.lower(), "org"), (p.first.lower(), "person"), (p.last, "person")],
        ["cron", "03:00"], declared=[org.short, p.full])


def t_codename():
    cn = pick(CODENAMES)
    p = Person()
    text = (f"Project {cn} (the new ledger) was rolled back by {p.full} after the Kafka consumer lag "
            f"reached 2.3M messages.")
    add("finance", "prose", text, [(cn, "org"), (p.full, "person")], ["Kafka", "2.3M messages", "ledger"])


def t_username_ctx():
    p = Person()
    h = host_env()
    text = (f"sshd[2211]: Accepted publickey for {p.user} from {ipv4_private()} port 52144 ssh2\n"
            f"sudo: {p.user} : TTY=pts/0 ; PWD=/srv ; USER=root ; COMMAND=/bin/systemctl restart nginx\n"
            f"logged in as {p.user} on {h}\n")
    ip = text.split("from ")[1].split(" ")[0]
    add("software", "log", text, [(p.user, "username"), (ip, "ip"), (h, "host")],
        ["systemctl restart nginx", "USER=root", "port 52144"])


def t_gps_field():
    g = gps()
    p = Person()
    text = (f"Field technician {p.full} reported the wind turbine controller offline at {g}; "
            f"SCADA showed 0 kW for 6 hours.")
    add("manufacturing", "prose", text, [(p.full, "person"), (g, "gps")], ["SCADA", "0 kW", "6 hours"])


def t_phone_list():
    a, b = two_people()
    p1, p2 = phone(), phone()
    text = (f"Escalation contacts:\n- {a.full} (primary) {p1}\n- {b.full} (secondary) {p2}\n"
            f"Bridge: Zoom, PIN shared in PagerDuty.")
    add("software", "prose", text,
        [(a.full, "person"), (p1, "phone"), (b.full, "person"), (p2, "phone")],
        ["PagerDuty", "Zoom"])


def t_k8s_yaml():
    org = Org()
    reg = f"registry.{org.domain}"
    sec = secret()
    text = (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {pick(SERVICES)}-creds\n"
            f"  namespace: prod\nstringData:\n  token: \"{sec}\"\n---\n"
            f"image: {reg}/platform/api:1.27.3\nresources:\n  limits:\n    memory: 512Mi\n")
    add("software", "config", text, [(sec, "secret"), (reg, "host")],
        ["apiVersion: v1", "1.27.3", "512Mi", "namespace: prod"])


def t_clean():
    tech = pick(TECH_KEEP)
    tech2 = pick(TECH_KEEP)
    err = pick(ERRCODES)
    cve = pick(CVES)
    region = pick(REGIONS)
    vendor = pick(VENDORS)
    role = pick(ROLES)
    dur = f"{R.randint(2, 90)} minutes"
    pct = f"{R.randint(1, 99)}.{R.randint(0, 9)}%"
    ver = f"v{R.randint(1, 5)}.{R.randint(0, 30)}.{R.randint(0, 9)}"
    k = R.randint(0, 5)
    if k == 0:
        text = (f"The {tech} upgrade to {ver} in {region} caused {err} for {dur}; "
                f"{role} rolled back and error rates fell below {pct}.")
        keep = [tech, ver, region, err, dur, role, pct]
    elif k == 1:
        text = (f"We patched {cve} across the fleet. {vendor} load balancers were unaffected; "
                f"{tech2} nodes needed a rolling restart that took {dur}.")
        keep = [cve, vendor, tech2, dur]
    elif k == 2:
        text = (f"Root cause: a missing index made a {tech} query scan 40M rows. "
                f"Mitigation: added the index, p99 latency dropped from 2.4s to 180ms.")
        keep = [tech, "40M rows", "p99", "2.4s", "180ms"]
    elif k == 3:
        text = (f"Lessons learned\n- Alert on disk usage above {R.randint(70, 95)}%.\n"
                f"- {role.capitalize()} must declare the incident within 5 minutes.\n"
                f"- Practice {tech} failover quarterly.")
        keep = [tech, "5 minutes", "disk usage"]
    elif k == 4:
        text = (f"The {pick(AV_VOCAB)} and {pick(AV_VOCAB)} were serviceable; the crew followed the "
                f"QRH and the aircraft landed on runway {R.randint(1, 36):02d}L with {R.randint(3, 9)},000 lb of fuel.")
        keep = ["QRH", "runway", "fuel"]
    else:
        text = (f"The {pick(MED_VOCAB)} firmware {ver} miscalculated the rate when the dose unit was mcg/kg/min; "
                f"the vendor advisory recommends upgrading and double-checking in the {pick(MED_VOCAB)}.")
        keep = [ver, "mcg/kg/min", "vendor advisory"]
    add(pick(["software", "aviation", "healthcare", "manufacturing", "finance"]), "clean", text, [], keep)


def t_rare_names_context():
    p = Person(rare=True)
    q = Person(rare=True)
    while q.first == p.first:
        q = Person(rare=True)
    text = (f"I pinged {p.first} about the failing migration, and {q.first} said the {pick(TECH_KEEP)} "
            f"replica was still catching up. {p.first}'s patch landed an hour later.")
    add("software", "chat", text, [(p.first, "person"), (q.first, "person")], ["replica", "migration"])


def t_slack_export():
    a, b = two_people()
    c = Person()
    h = host_short()
    text = (f"<{a.handle}> anyone else seeing 504s from {h}?\n"
            f"<{b.handle}> yes since the nginx reload, paging {c.first}\n"
            f"<{a.handle}> thx {b.first}\n")
    add("software", "chat", text,
        [(a.handle, "person"), (b.handle, "person"), (h, "host"), (c.first, "person"), (b.first, "person")],
        ["504s", "nginx"])


def t_timeline():
    a, b = two_people()
    d = date_phrase()
    text = (f"## Timeline ({d})\n"
            f"- 09:02 Alert fired for checkout latency (Datadog monitor)\n"
            f"- 09:05 {a.full} acknowledged the page\n"
            f"- 09:20 {b.first} {b.last} identified the bad feature flag\n"
            f"- 09:31 Flag disabled, latency back to baseline\n")
    add("software", "prose", text, [(d, "date"), (a.full, "person"), (b.full, "person")],
        ["Datadog", "feature flag", "09:05"])


def t_employee():
    p = Person()
    eid = f"{R.randint(10000, 999999)}"
    text = (f"Access review: employee id {eid} ({p.full}) still had prod admin rights "
            f"three weeks after moving teams; the IAM audit found 12 such accounts.")
    add("finance", "prose", text, [(eid, "account_id"), (p.full, "person")], ["IAM", "12 such accounts"])


TEMPLATES = [
    (t_chat_ops, 24), (t_prose_ops, 24), (t_log_lines, 20), (t_stacktrace, 10), (t_python_trace, 10),
    (t_config, 16), (t_env_file, 10), (t_bearer, 8), (t_pem, 5), (t_email_thread, 14), (t_obf_email, 6),
    (t_aviation_prose, 18), (t_aviation_radio, 8), (t_aviation_asrs, 8), (t_health_prose, 16),
    (t_health_hl7, 8), (t_health_ehr_chat, 10), (t_mfg, 14), (t_mfg_log, 8), (t_fin, 16), (t_fin_log, 10),
    (t_national_ids, 10), (t_address, 10), (t_ipv6_mac, 8), (t_url_ticket, 12), (t_declared, 14),
    (t_declared_lower, 8), (t_codename, 8), (t_username_ctx, 8), (t_gps_field, 6), (t_phone_list, 8),
    (t_k8s_yaml, 8), (t_clean, 40), (t_rare_names_context, 10), (t_slack_export, 10), (t_timeline, 10),
    (t_employee, 8),
]


def escape_for_scanners(line):
    """Spell well-known secret prefixes with a JSON unicode escape (same parsed text)."""
    for raw, esc in [("AKIA", "\\u0041KIA"), ("ghp_", "gh\\u0070_"), ("github_pat_", "github\\u005fpat_"),
                     ("glpat-", "glp\\u0061t-"), ("xoxb-", "xo\\u0078b-"), ("xoxp-", "xo\\u0078p-"),
                     ("sk_live_", "sk\\u005flive_"), ("sk_test_", "sk\\u005ftest_"),
                     ("AIza", "\\u0041Iza"), ("eyJ", "\\u0065yJ"), ("PRIVATE KEY", "PRIVATE\\u0020KEY"),
                     ("SECRET_ACCESS_KEY", "SECRET\\u005fACCESS_KEY")]:
        line = line.replace(raw, esc)
    return line


def main():
    for fn, n in TEMPLATES:
        for _ in range(n):
            fn()
    import handwritten
    for i, c in enumerate(handwritten.CASES):
        for r in c["remove"]:
            assert r["text"] in c["text"], (i, r)
        for k in c.get("keep", []):
            assert k in c["text"], (i, k)
        case = {"id": f"hand-{i + 1:03d}", "domain": c["domain"], "format": c["format"], "text": c["text"]}
        if c.get("declared_terms"):
            case["declared_terms"] = c["declared_terms"]
        case["remove"] = c["remove"]
        case["keep"] = c.get("keep", [])
        CASES.append(case)
    out = os.path.join(HERE, "cases.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for c in CASES:
            f.write(escape_for_scanners(json.dumps(c, ensure_ascii=False)) + "\n")
    import holdout
    with open(os.path.join(HERE, "holdout.jsonl"), "w", encoding="utf-8") as f:
        for i, c in enumerate(holdout.CASES):
            for r in c["remove"]:
                assert r["text"] in c["text"], (i, r)
            case = {"id": f"holdout-{i + 1:03d}", "domain": c["domain"], "format": c["format"], "text": c["text"]}
            if c.get("declared_terms"):
                case["declared_terms"] = c["declared_terms"]
            case["remove"] = c["remove"]
            case["keep"] = c.get("keep", [])
            f.write(escape_for_scanners(json.dumps(case, ensure_ascii=False)) + "\n")
    n_hand = len(handwritten.CASES)
    print(f"wrote {len(CASES)} cases ({len(CASES) - n_hand} generated, {n_hand} hand-written) to {out}")


if __name__ == "__main__":
    main()
