"""Held-out cases, written after the detectors were tuned on cases.jsonl and NOT used for
tuning: `scrub-eval eval/holdout.jsonl` estimates how the rules do on unseen text.
Same format as handwritten.py; fake secrets are assembled at run time."""

CASES = []


def H(domain, fmt, text, remove=(), keep=(), declared=None):
    c = {"domain": domain, "format": fmt, "text": text,
         "remove": [{"text": t, "kind": k} for (t, k) in remove], "keep": list(keep)}
    if declared:
        c["declared_terms"] = list(declared)
    CASES.append(c)


TOK = "gh" + "o_" + "Zq8Lm3Nx7Vb2Kc9Jd4Hf6Gs1Pw5Rt0Ye8Ua"
AWSK = "AS" + "IA" + "ZX4TQ2" + "EXAMPLE" + "B7Q"

H("software", "chat",
  "09:41 <ferdinand> replica lag on pg-ledger-prod-2 is 14 min\n09:42 <gwendolyn> pausing the ETL, ping me if it grows\n",
  [("ferdinand", "person"), ("gwendolyn", "person"), ("pg-ledger-prod-2", "host")], ["14 min", "ETL"])
H("software", "prose",
  "After the failover, Bartholomew Nkemelu from the storage team confirmed that the Ceph OSDs had rebalanced.",
  [("Bartholomew Nkemelu", "person")], ["Ceph", "OSDs", "failover"])
H("software", "log",
  "Nov  3 02:17:55 lb-edge-04 haproxy[1822]: 203.0.113.77:51514 [03/Nov/2025:02:17:55.104] fe_https be_api/api-7 0/0/1/-1/2 502",
  [("lb-edge-04", "host"), ("203.0.113.77", "ip"), ("Nov  3 02:17:55", "date")], ["haproxy", "502", "fe_https"])
H("software", "config",
  "[smtp]\nserver = mail.oakhurst-robotics.de\nuser = alerts@oakhurst-robotics.de\npassword = Quartz&Fennel-88\n",
  [("mail.oakhurst-robotics.de", "host"), ("alerts@oakhurst-robotics.de", "email"), ("Quartz&Fennel-88", "secret")], ["[smtp]"])
H("software", "chat",
  "someone committed " + TOK + " to the infra repo, revoking. also " + AWSK + " in the same commit",
  [(TOK, "secret"), (AWSK, "secret")], ["infra repo"])
H("software", "prose",
  "Ticket https://servicedesk.glenholt-bank.co.uk/browse/CHG-7781 records the emergency change approved by Philippa Oduya.",
  [("https://servicedesk.glenholt-bank.co.uk/browse/CHG-7781", "url"), ("Philippa Oduya", "person")], ["emergency change"])
H("software", "prose",
  "The outage began when a Terraform apply deleted the Route 53 zone; DNS TTLs of 300 seconds delayed recovery.",
  [], ["Terraform", "Route 53", "300 seconds", "DNS TTLs"])
H("software", "email",
  "Hello team,\n\nplease reach Magnus on +46 8 123 456 78 during the maintenance window.\n\nBest,\nSigrid Lundqvist",
  [("Magnus", "person"), ("+46 8 123 456 78", "phone"), ("Sigrid Lundqvist", "person")], ["maintenance window"])
H("software", "log",
  "ssh: connect to host 10.88.14.201 port 22: Connection timed out (user deploy, key /home/tbakker/.ssh/id_ed25519)",
  [("10.88.14.201", "ip"), ("tbakker", "username")], ["port 22", "Connection timed out", "id_ed25519"])
H("software", "prose",
  "Our vendor Tessaro Networks BV shipped a switch firmware (7.4.2) with a broken LACP implementation.",
  [("Tessaro Networks BV", "org")], ["7.4.2", "LACP", "switch firmware"])
H("software", "prose",
  "MAC 3c:22:fb:9a:10:4e kept renewing its DHCP lease every 30 seconds, exhausting the 10.12.0.0/22 pool.",
  [("3c:22:fb:9a:10:4e", "mac"), ("10.12.0.0/22", "ip")], ["DHCP lease", "30 seconds"])
H("software", "prose",
  "IPv6 neighbour 2001:db8:4a1:17::9c was blackholed by the new ACL on core-rtr-02.",
  [("2001:db8:4a1:17::9c", "ip"), ("core-rtr-02", "host")], ["ACL", "IPv6"])
H("software", "chat",
  "Radek: merged the hotfix\nLucinda: thx Radek, tagging v3.8.1\nRadek: np\n",
  [("Radek", "person"), ("Lucinda", "person")], ["hotfix", "v3.8.1"])
H("software", "prose",
  "The Kafka brokers ran out of file descriptors (ulimit 4096) and ZooKeeper sessions expired after 6000 ms.",
  [], ["Kafka", "ulimit 4096", "ZooKeeper", "6000 ms"])
H("software", "prose",
  "Project Whitethorn, our internal billing rewrite, shipped a schema migration that locked the invoices table.",
  [("Whitethorn", "org")], ["schema migration", "invoices table"])
H("software", "prose",
  "Lindiwe Dlamini's rollback script assumed the old column names; Lindiwe fixed it the next morning.",
  [("Lindiwe Dlamini", "person"), ("Lindiwe", "person")], ["rollback script", "column names"])
H("software", "prose",
  "Zephyr, the customer's chatbot product, failed for 2 hours because its OAuth client secret expired.",
  [("Zephyr", "org")], ["2 hours", "OAuth"], declared=["Zephyr"])
H("software", "prose",
  "I was paged by Ottoline at 3am and handed over to Ruaridh at 7.",
  [("Ottoline", "person"), ("Ruaridh", "person")], ["3am"], declared=["Ottoline", "Ruaridh"])
H("aviation", "prose",
  "During the taxi out, EI-FVK was cleared to cross runway 10R; the first officer read back 28L. Flight EIN 104 stopped short.",
  [("EI-FVK", "aircraft"), ("EIN 104", "flight")], ["runway 10R", "28L", "first officer"])
H("aviation", "prose",
  "Capt. Okwuosa and F/O Brannigan noticed the fuel imbalance at FL330 over 47.3501, -52.1177.",
  [("Okwuosa", "person"), ("Brannigan", "person"), ("47.3501, -52.1177", "gps")], ["fuel imbalance", "FL330"])
H("aviation", "log",
  "ACARS MSG N825AN: ENG 2 EGT EXCEED 1 MIN, CREW ACTION PER QRH",
  [("N825AN", "aircraft")], ["ACARS", "EGT", "QRH"])
H("aviation", "prose",
  "AAL2291 diverted after the cabin crew reported smoke from an oven; ARFF met the aircraft.",
  [("AAL2291", "flight")], ["cabin crew", "ARFF"])
H("healthcare", "prose",
  "Nurse Thandiwe Mokoena scanned the wrong wristband (MRN: 55209183); the BCMA system did not warn.",
  [("Thandiwe Mokoena", "person"), ("55209183", "medical_record")], ["BCMA", "wristband"])
H("healthcare", "prose",
  "The lab interface sent potassium results to the wrong chart for 40 minutes after the LIS upgrade.",
  [], ["potassium", "40 minutes", "LIS upgrade"])
H("healthcare", "chat",
  "Dr. Ferreira-Lopes: can someone check the infusion pump in bay 3?\nNurse Aoife: on my way\n",
  [("Ferreira-Lopes", "person"), ("Aoife", "person")], ["infusion pump", "bay 3"])
H("healthcare", "prose",
  "The clinic's fax to +1 617 555 0187 contained the patient's date of birth, 14/02/1961, and NHS number 485 777 3456.",
  [("+1 617 555 0187", "phone"), ("14/02/1961", "date"), ("485 777 3456", "national_id")], ["date of birth"])
H("manufacturing", "prose",
  "At the Ashford plant, technician Bogdan Ilie found the OPC UA certificate had expired on the HMI panel 10.40.1.12.",
  [("Bogdan Ilie", "person"), ("10.40.1.12", "ip")], ["OPC UA", "HMI", "certificate"])
H("manufacturing", "log",
  "2025-05-09 23:59:58 PLC3 WARN: cycle time 412 ms exceeds 250 ms on line-b-press-07",
  [("2025-05-09 23:59:58", "date"), ("line-b-press-07", "host")], ["cycle time", "412 ms", "250 ms"])
H("manufacturing", "prose",
  "Contractor Dunmore Electrical Ltd rewired the cabinet; their electrician, Seamus Whelan, left the breaker off.",
  [("Dunmore Electrical Ltd", "org"), ("Seamus Whelan", "person")], ["breaker", "cabinet"])
H("finance", "prose",
  "Chargeback on card 5425 2334 3010 9903 was filed twice because the dispute API returned 409 Conflict.",
  [("5425 2334 3010 9903", "credit_card")], ["409 Conflict", "dispute API"])
H("finance", "log",
  "payout failed iban=NL91ABNA0417164300 beneficiary=\"K. Verhoeven\" code=AC01",
  [("NL91ABNA0417164300", "iban"), ("Verhoeven", "person")], ["AC01", "payout failed"])
H("finance", "prose",
  "The KYC export included SSN 078-05-1120 and the passport number X1234567 of one applicant.",
  [("078-05-1120", "national_id"), ("X1234567", "national_id")], ["KYC export"])
H("finance", "prose",
  "Customer ID: CU-00918273 reported being charged in USD instead of EUR after the FX service timed out.",
  [("CU-00918273", "account_id")], ["USD", "EUR", "FX service"])
H("finance", "prose",
  "Latency on the FIX gateway peaked at 850 ms; the matching engine stayed within its 99.99% SLO.",
  [], ["FIX gateway", "850 ms", "99.99%", "SLO"])
H("software", "prose",
  "Write-up by Ekaterina Volkonskaya, reviewed by the SRE guild. Contact: e.volkonskaya at larkspur-analytics dot com",
  [("Ekaterina Volkonskaya", "person"), ("e.volkonskaya at larkspur-analytics dot com", "email")], ["SRE guild"])
H("software", "prose",
  "Internal wiki: http://wiki.corp/display/NET/BGP+Runbook (ask Ifeoma for access).",
  [("http://wiki.corp/display/NET/BGP+Runbook", "url"), ("Ifeoma", "person")], ["access"])
H("software", "config",
  "DATABASE_URL=postgresql://orders_rw:Amber%21Kite77@orders-db.prod.internal:5432/orders?sslmode=require",
  [("Amber%21Kite77", "secret"), ("orders-db.prod.internal", "host")], ["5432", "sslmode=require"])
H("software", "prose",
  "Between releases 2.3.0 and 2.3.4 the retry budget was misconfigured, so 12% of writes were retried 5 times.",
  [], ["2.3.0", "2.3.4", "12%", "5 times", "retry budget"])
