//! Pattern detectors. Every pattern is compiled once in [`Detectors::new`]. Each detector has
//! a cheap trigger pattern; one `RegexSet` pass over the text with all triggers tells which
//! detectors need to run at all, so most text is scanned once by the set and then only by the
//! few detectors whose trigger occurred.

use std::collections::HashSet;

use regex::{Captures, Regex};

use crate::lexicon::*;
use crate::names::{is_common_word, LISTS};
use crate::triggers::{self, Hits, Triggers};
use crate::vocabulary::Vocabulary;
use crate::{normalise_key, person, Cand, DocFacts, Kind};

/// Identifiers of the regex detectors (index into `Detectors::res`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum D {
    Email,
    ObfEmail,
    UserAtHost,
    Url,
    Conn,
    Ipv4,
    Ipv6,
    Mac,
    PhonePlus,
    PhoneUs,
    PhoneNational,
    PhoneCtx,
    PhoneMobile,
    Card,
    Iban,
    Ssn,
    Nino,
    MrnNative,
    NatIdShape,
    NatIdChecked,
    Wallet,
    NatIdCtx,
    AccountCtx,
    Arn,
    Mrn,
    AwsKey,
    AwsSecret,
    GitHub,
    GitLab,
    Slack,
    Stripe,
    GoogleKey,
    Jwt,
    Pem,
    PasswordKv,
    DeviceSecret,
    HeaderSecret,
    PasswordProse,
    Bearer,
    Entropy,
    CuedSecret,
    CuedSecretNative,
    AircraftN,
    AircraftDash,
    AircraftOther,
    FlightIata,
    FlightIcao,
    FlightWord,
    Callsign,
    GpsDec,
    GpsDms,
    DateIso,
    DateDmy,
    DateMdy,
    DateNum,
    DateDm,
    DateClf,
    Hl7Pid,
    Hl7Msh,
    PersonPn,
    OrgKv,
    Bic,
    TodoOwner,
    ClfUser,
    CapsTitled,
    IdKv,
    DateKv,
    MailName,
    Honorific,
    SignedInitials,
    CodeNamespace,
    DotnetFrame,
    WinDomainUser,
    WinDomainKv,
    WinHost,
    XmlKv,
    KeyKv,
    IbanCtx,
    PersonKv,
    HeaderNames,
    DottedName,
    Salutation,
    HostInternal,
    HostPublic,
    HostCcTld,
    HostEnv,
    HostIp,
    HostSeq,
    HostInstance,
    HostK8s,
    HostCodes,
    AccountPrefix,
    AtcCallsign,
    PnrName,
    FixCompId,
    SwiftHeader,
    SwiftParty,
    SwiftDate,
    Pnr,
    SvcAccount,
    SchemeHost,
    GcpProject,
    HostNum,
    HostDevice,
    HostCtx,
    HostFqdn,
    MachineName,
    SyslogHost,
    SshHost,
    MachineAccount,
    DhcpHost,
    HomePath,
    WinPath,
    TildePath,
    UserCtx,
    CliCredentials,
    Unc,
    AddrUs,
    AddrDe,
    AddrFr,
    AddrLatin,
    PoBox,
    AddrLine,
    Postcode,
    Legal,
    OrgCue,
    OrgCueAfter,
    HostCue,
    AccountNative,
    SignatureOrg,
    OrgAppositive,
    OrgFollower,
    OrgPrefix,
    OrgAmp,
    OrgAir,
    CjkName,
    OrgNoun,
    Codename,
    ChatLabel,
    ChatHeader,
    PersonList,
    OrgOfPerson,
    IrcLabel,
    SurnameGiven,
    AttendeeLine,
    DateIntl,
    SepaCreditorId,
    NetfilterMac,
    ApprovalRef,
    TransponderHex,
    DateIntlDm,
    DateCjkMd,
    DateCompact,
    Hl7Staff,
    TimedSpeaker,
    HanSpeaker,
    Handle,
    SignOff,
    SignDash,
    DateShort,
    DateDdmmm,
    VendorToken,
    OrgCjk,
    OrgCjkSuffix,
    CjkAttendees,
    DateCjk,
    NoteAuthor,
}

const B: &str = r"(?-u:\b)";
const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const FULL_MONTH: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(?:(?:(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?,?|(?:Mo|Di|Mi|Do|Fr|Sa|So)\.?,)[ \t]+)?";
/// Weekdays of other languages, written before a date ("mardi 16 juillet 2024", "Montag, 3.
/// Juni 2024", "tiistai 8.10.2024") or after it in Turkish ("28 Ağustos 2024 Çarşamba").
const FOREIGN_WEEKDAY: &str = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|sabato|domenica|segunda-feira|ter[çc]a-feira|quarta-feira|quinta-feira|sexta-feira|poniedzia[łl]ek|wtorek|[śs]roda|czwartek|pi[ąa]tek|sobota|niedziela|maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai|pazartesi|sal[ıi]|[çc]ar[şs]amba|per[şs]embe|cuma|cumartesi|pazar|pond[ěe]l[íi]|[úu]ter[ýy]|st[řr]eda|[čc]tvrtek|p[áa]tek|ned[ěe]le|senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|m[åa]ndag|tisdag|onsdag|torsdag|fredag|l[öø]rdag|s[öø]ndag|mandag|tirsdag)";
const TIME: &str = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?(?:[ ]?[AaPp]\.?[Mm]\.?)?(?:[ ]?(?:UTC|GMT|Z|[A-Z]{2,4}T|[+-][0-9]{2}:?[0-9]{2}|local(?-u:\b)))?";

/// Legal forms of companies after their names ("Ltd", "GmbH", "S.A. de C.V.").
pub(crate) const LEGAL_FORMS: &str = r"\((?:Pvt|Pty|Private)\)[ \t]+(?:Ltd\.?|Limited)|Pvt\.?[ \t]+Ltd\.?|Inc\.?|Incorporated|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltda\.?|Ltd\.?[ \t]+Şti\.?|Ltd\.?|Limited|gGmbH|GmbH|AG|S\.A\.C\.|S\.R\.L\.|S\.A\.[ \t]de[ \t]C\.V\.|S\.A\.(?:S\.)?|SARL|SAS|SAC|SA|SRL|DAC|UAB|KK|ehf\.?|A\.Ş\.|Co-op|S\.L\.U\.|S\.L\.|SL|BV|B\.V\.|NV|N\.V\.|Pty\.?[ \t]+Ltd\.?|PLC|plc|LLP|KGaA|KG|Oyj|Oy|AB|ASA|A/S|AS|ApS|[Ss]p\.[ \t]z[ \t]o\.o\.|Sp\.[ \t][jk]\.|S\.K\.A\.|eG|FZ-LLC|FZE|FZCO|PJSC|JSC|Kft\.?|Zrt\.?|s\.r\.o\.|a\.s\.|d\.o\.o\.|Tbk|S\.p\.A\.|SpA|S\.r\.l\.|Srl|K\.K\.|Pte\.?[ \t]+Ltd\.?|Sdn\.?[ \t]+Bhd\.?|Berhad|Bhd\.?|Teoranta|Teo\.|CLG|EOOD|OOD|EAD|TOO|OOO|ZAO|OAO|PAO|TOV|Lda\.?|SIA|OÜ|hf\.|OHG|UG[ \t]+\(haftungsbeschränkt\)|VOF|BVBA|SASU|EURL|S\.a\.s\.|G\.K\.|W\.L\.L\.|WLL|SAOG|EIRELI|S\.[ \t]?de[ \t]R\.L\.|Nyrt\.?|d\.d\.|A\.E\.|Α\.Ε\.|PLLC|Co\.,?[ \t]+(?:Ltd\.?|Limited)|Co\.";

/// A time of day and a range word right before a date: the start of a time range.
/// (None only if the pattern failed to compile: then ranges are left to the other rules.)
static TIME_RANGE_BEFORE: once_cell::sync::Lazy<Option<regex::Regex>> = once_cell::sync::Lazy::new(
    || {
        regex::Regex::new(&format!(
        r"(?:(?P<lead>[Bb]etween|[Ff]rom)[ \t]+)?{TIME}[ \t]*(?:and|to|until|till|through|-|–)[ \t]*$"
    ))
    .ok()
    },
);
/// How far before a date a time range may start, in bytes.
const TIME_RANGE_REACH: usize = 64;

fn patterns() -> Vec<(D, &'static str, String)> {
    // the prefix nouns of firms, as their trigger lists them ("Bệnh viện Đa khoa" one of them)
    let org_prefixes = ORG_PREFIX_TRIGGER
        .split('|')
        .map(|p| match p.trim_end() {
            "Bệnh viện" => r"Bệnh viện(?:[ ]Đa[ ]khoa)?".to_string(),
            p => regex::escape(p).replace(' ', "[ ]"),
        })
        .collect::<Vec<_>>()
        .join("|");
    let tail = format!(
        r"(?:,?[ \t]+(?:at[ \t]+|@[ \t]*|around[ \t]+|~)?{TIME}(?:[ \t]+(?P<ty>[0-9]{{4}})(?-u:\b))?(?:[ \t]+[+-][0-9]{{4}}(?-u:\b))?|[ \t]*\([ \t]*{TIME}[ \t]*\))?"
    );
    let head = format!(r"(?:(?:[Aa]t[ \t]+)?{TIME},?[ \t]+(?:on[ \t]+)?)?");
    let on = r"(?P<on>[Oo]n[ \t]+)?";
    let tlds = "co\\.id|ac\\.id|go\\.id|or\\.id|co\\.in|ac\\.in|gov\\.in|org\\.in|net\\.in|aero|coop|museum|travel|jobs|mobi|asia|bzh|eus|gal|scot|wales|cymru|nyc|london|berlin|paris|tokyo|kiwi|africa|com|net|org|io|dev|app|co|cloud|ai|us|uk|de|fr|nl|eu|ca|au|jp|ch|se|dk|fi|ie|nz|za|kr|sg|hk|tw|mx|ar|cl|cz|pt|gr|tr|il|ae|br|ru|cn|be|at|es|it|info|biz|tech|xyz|top|shop|live|store|club|icu|buzz|click|link|cfd|sbs|rest|quest|gov|edu|mil|online|site|systems|network|services|email|team|tools|works|company|global|digital|host|page|gg|ly|fm|me|tv|lu|hu|ro|pl|no|is";
    // (a longer suffix before its prefix: the alternation takes the first that matches, and
    // "Oy" would leave the "j" of "Oyj")
    let legal_sfx = LEGAL_FORMS;
    let coord = r#"(?:[NSEW][ ]?[0-9]{1,3}°[ ]?[0-9]{1,2}(?:\.[0-9]+)?['′]?(?:[ ]?[0-9]{1,2}(?:\.[0-9]+)?(?:"|″|''))?|[0-9]{1,3}°[ ]?[0-9]{1,2}(?:\.[0-9]+)?['′](?:[ ]?[0-9]{1,2}(?:\.[0-9]+)?(?:"|″|''))?[ ]?[NSEW])"#;
    vec![
        (D::Email, r#"@|%40"#, format!(r"{B}[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{{2,24}}{B}")),
        (D::ObfEmail, r#"(?i)[ \t]dot[ \t]|\(dot\)|\[dot\]|\{dot\}"#, format!(r"(?i){B}[a-z0-9._%+-]+(?:[ \t]+dot[ \t]+[a-z0-9_%+-]+)*[ \t]*(?:\(at\)|\[at\]|\{{at\}}|[ \t]at[ \t])[ \t]*[a-z0-9-]+(?:[ \t]*(?:\(dot\)|\[dot\]|\{{dot\}}|[ \t]dot[ \t])[ \t]*[a-z0-9-]+)+{B}")),
        (D::UserAtHost, r#"@"#, format!(r"{B}([a-z_][a-z0-9_.-]{{0,31}})@((?:[0-9]{{1,3}}\.){{3}}[0-9]{{1,3}}|[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*){B}")),
        (D::Url, r#"://"#, r#"(?i)(?-u:\b)(?:https?|ftp|sftp|wss?)://[^\s<>"'`]+"#.to_string()),
        // the host of a broker, directory or device address: "mqtts://iot.plant.example:8883"
        // (its port and path are technical facts; an address is found by the IP detectors)
        (D::SchemeHost, r#"://[A-Za-z]"#, r#"(?i)(?-u:\b)(?:opc\.tcp|mqtts?|amqps?|ldaps?|smb|nfs|rtsp|sips?|nats|tcp|ssl|tls|rediss?|kafka|thrift|grpcs?|ssh|telnet|modbus|s7|iiop|rmi|s3|gs|s3a|s3n|abfss?|wasbs?|hdfs)://(?P<h>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)"#.to_string()),
        (D::Conn, r#"://[^\s@/]*@"#, format!(r"(?i){B}[a-z][a-z0-9+.-]{{1,30}}://([^\s:@/]*)(?::([^\s/]*))?@(\[[0-9a-f:]+\]|[^\s/:?#,;@]+)")),
        (D::Ipv4, r#"[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]"#, format!(r"{B}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){{3}}(?:/[0-9]{{1,2}})?{B}")),
        (D::Ipv6, r#"[0-9A-Fa-f]:[0-9A-Fa-f]*:"#, r"(?i)(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:/[0-9]{1,3})?".to_string()),
        (D::Mac, r#"[0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-]|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\."#, format!(r"(?i){B}[0-9a-f]{{2}}(?:[:-][0-9a-f]{{2}}){{5}}{B}|{B}[0-9a-f]{{4}}\.[0-9a-f]{{4}}\.[0-9a-f]{{4}}{B}")),
        (D::PhonePlus, r#"\+[1-9]"#, r"\+[1-9][0-9]{0,2}[ .-]?(?:\([0-9]{1,4}\)[ .-]?)?[0-9]{1,4}(?:[ .-]?[0-9]{1,5}){1,5}".to_string()),
        (D::PhoneUs, r#"[0-9]{3}[ .-][0-9]{4}"#, format!(r"{B}1-[0-9]{{3}}-[0-9]{{3}}-[0-9]{{4}}{B}|(?:\([0-9]{{3}}\)[ .-]?|{B}[0-9]{{3}}[.-])[0-9]{{3}}[.-][0-9]{{4}}{B}|{B}[0-9]{{3}} [0-9]{{3}} [0-9]{{4}}{B}|\([1-9][0-9]\)[ ]?9?[2-9][0-9]{{3}}-[0-9]{{4}}{B}|{B}1[3-9][0-9][ -][0-9]{{4}}[ -][0-9]{{4}}{B}")),
        (D::PhoneNational, r#"0[1-9][0-9 .-]{6}|\(0[1-9]"#, format!(r"{B}0[1-9][0-9]{{2,3}}(?:[ ][0-9]{{2,3}}){{2,4}}{B}|\(0[1-9][0-9]{{0,3}}\)[ ]?[0-9]{{3,4}}[ -]?[0-9]{{3,4}}{B}|{B}0[1-9][0-9]{{0,3}}[ -][0-9]{{3,4}}[ -]?[0-9]{{3,4}}{B}|{B}0[1-9](?:[ .][0-9]{{2}}){{4}}{B}|{B}0[1-9][0-9]{{0,2}}-[0-9]{{2,3}}[ ][0-9]{{2}}[ ][0-9]{{2}}{B}|{B}00[1-9][0-9]{{0,2}}[ ][0-9]{{1,4}}(?:[ ][0-9]{{2,8}}){{1,3}}{B}|{B}0[1-9][0-9]{{0,3}}-[0-9]{{2,4}}-[0-9]{{4}}{B}")),
        // mobiles written in national groups: Spanish "655 31 72 09", Indian "98450 12377"
        (D::PhoneMobile, r#"[6-9][0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}|[6-9][0-9]{4} [0-9]{5}"#, format!(r"{B}(?:[67][0-9]{{2}} [0-9]{{2}} [0-9]{{2}} [0-9]{{2}}|[6-9][0-9]{{4}} [0-9]{{5}}){B}")),
        (D::PhoneCtx, r#"(?i)phone|tel|mobile|mob|cell|cel|m[oó]vil|handy|portable|fax|whatsapp|sms|call|text|ring|ext|bleep|pager|beeper"#, format!(r"(?i){B}(?:phone|tel|telephone|t[ée]l[ée]phone|telefone?|mobile|mob|cell|cel|celular|m[oó]vil|handy|portable|fax|whatsapp|sms|call(?:ed)?|text(?:ed)?|ring|pager|beeper)\.?(?:[ \t]+(?:no\.?|number|#|nr\.?|n[uú]mero))?(?:[ \t]+(?:is|me[ \t]+on|me[ \t]+at))?[ \t]*[:=]?[ \t]*(\+?[0-9][0-9 ().-]{{5,18}}[0-9]){B}|(?i:{B}(?:ext|extn|extension|durchwahl|poste|bleep|pager|beeper)\.?[ \t]*[:#]?[ \t]*)(?P<ext>[0-9]{{3,6}}){B}")),
        (D::Card, r#"[0-9]{4}[ -]?[0-9]{4}"#, format!(r"{B}(?:[0-9]{{4}}[ -]?){{3}}[0-9]{{1,7}}{B}|{B}[0-9]{{4}}[ -]?[0-9]{{6}}[ -]?[0-9]{{5}}{B}")),
        (D::Iban, r#"[A-Z]{2}[0-9]{2} ?[A-Z0-9]{4}"#, format!(r"{B}[A-Z]{{2}}[0-9]{{2}}(?: ?[A-Z0-9]{{4}}){{2,7}}(?: ?[A-Z0-9]{{1,3}})?{B}")),
        (D::Ssn, r#"[0-9]{3}-[0-9]{2}-[0-9]{4}"#, format!(r"{B}[0-9]{{3}}-[0-9]{{2}}-[0-9]{{4}}{B}")),
        // national ids of a shape no other text has: the Italian codice fiscale, the Mexican
        // CURP, the Chinese resident id (its check digit verified)
        (D::NatIdShape, r#"[0-9][A-EHLMPRST][0-9]{2}[A-Z][0-9]{3}[A-Z]|[0-9]{6}[HM][A-Z]{5}|身份证|[0-9]{17}[0-9Xx]"#, format!(r"{B}(?:[A-Z]{{6}}[0-9]{{2}}[A-EHLMPRST][0-9]{{2}}[A-Z][0-9]{{3}}[A-Z]|[A-Z]{{4}}[0-9]{{6}}[HM][A-Z]{{5}}[0-9A-Z][0-9]|[1-9][0-9]{{5}}(?:19|20)[0-9]{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{{3}}[0-9Xx]){B}")),
        // national ids known by their check digits alone (see `natid`): CPF, Aadhaar, PESEL,
        // T.C. Kimlik, DNI/NIE, NIR, personnummer, rodné číslo
        (D::NatIdChecked, r#"[0-9]{3}\.[0-9]{3}\.[0-9]{3}-|[0-9]{4} [0-9]{4} [0-9]{4}|[0-9]{11}|[0-9]{8}[A-Z]|[XYZ][0-9]{7}[A-Z]|[12] [0-9]{2} [0-9]{2} [0-9]{2} [0-9]{3} |[0-9]{6}[-+][0-9]{4}|[0-9]{6}[-+A][0-9]{3}[A-Y]|[0-9]{6}/[0-9]{4}"#, format!(r"{B}(?:[0-9]{{3}}\.[0-9]{{3}}\.[0-9]{{3}}-[0-9]{{2}}|[2-9][0-9]{{3}} [0-9]{{4}} [0-9]{{4}}|[0-9]{{11}}|[0-9]{{8}}[A-Z]|[XYZ][0-9]{{7}}[A-Z]|[12] [0-9]{{2}} [0-9]{{2}} [0-9]{{2}} [0-9]{{3}} [0-9]{{3}} [0-9]{{2}}|(?:19|20)?[0-9]{{6}}[-+][0-9]{{4}}|[0-9]{{6}}[-+A][0-9]{{3}}[0-9A-Y]|[0-9]{{6}}/[0-9]{{4}}){B}")),
        // an Ethereum-style wallet: whose money it is
        (D::Wallet, r#"0x"#, format!(r"{B}0x[0-9a-fA-F]{{40}}{B}")),
        // record numbers after cues of other languages ("Fall-Nr. 88120344", "expediente
        // 2024-118843", "URN TH0441982", "患者ID 00719384", "등록번호 00933172", "mã hồ sơ
        // 24008817"): a trigger of plain words, read by the literal scan (in the lazy DFA of
        // the other record cues they cost 2% more instructions on the real postmortems)
        // numbers after cues of other languages and trades: a device's serial number, an
        // employee number in Japanese, Chinese or Korean, a case file ("Aktenzeichen"), an order
        // ("zakázka", "zlecenie"), a payment's folio and CLABE, a licence, a tracking tag
        // a SEPA creditor identifier: country, check digits, "ZZZ", the national part
        // an aircraft's 24-bit transponder address in ADS-B and Mode S logs: "icao24=7c6b2d",
        // "ICAO=4CA9F3", "hex=4b1a2f", "Mode S code 400A1B"
        (D::TransponderHex, r#"(?i)icao|hex|mode s|mode-s|24-bit"#, r#"(?i)(?-u:\b)(?:icao24|icao|hex|mode[ -]s(?:[ -](?:code|address|hex))?|icao[ -](?:address|hex)|24-bit address)["']?[ \t]*[=:]?[ \t]*["']?(?P<hex>[0-9a-f]{6})(?-u:\b)"#.to_string()),
        // aviation approvals and licences: EASA "DE.145.0432", "ES.66.B1.20817", a national
        // licence "JCAB-B1-21877", an FAA mechanic's "A&P 3382175"
        (D::ApprovalRef, r#"\.(?:145|66|147)\.|-B[12]-|A&P"#, r"(?-u:\b)(?P<ref>[A-Z]{2}\.(?:145|66|147)\.[A-Z0-9]+(?:[.-][A-Z0-9]+)*|[A-Z]{2,5}-B[12]-[0-9]{3,6})(?-u:\b)|A&P[ \t]+(?:(?:cert(?:ificate)?|no\.?|#)[ \t]*)?(?P<ap>[0-9]{6,8})(?-u:\b)".to_string()),
        // a netfilter log's MAC field: the destination, the source and the frame's type
        // ("MAC=52:54:00:a3:1f:7c:fe:ff:ff:ff:ff:ff:08:00"), not an IPv6 address
        (D::NetfilterMac, r#"MAC="#, r"(?i)(?-u:\b)MAC=(?P<dst>[0-9a-f]{2}(?::[0-9a-f]{2}){5}):(?P<src>[0-9a-f]{2}(?::[0-9a-f]{2}){5}):[0-9a-f]{2}:[0-9a-f]{2}(?-u:\b)".to_string()),
        (D::SepaCreditorId, r#"ZZZ"#, r"(?-u:\b)[A-Z]{2}[0-9]{2}ZZZ[0-9A-Z]{5,28}(?-u:\b)".to_string()),
        (D::AccountNative, r#"serial|Serial|SERIAL|S/N|社員番号|従業員番号|社員ID|工号|员工号|员工编号|사번|사원번호|zakázk|Zakázk|zlecenie|Zlecenie|Aktenzeichen|folio|Folio|CLABE|licença|Licença|RTLS tag|RFID tag|réf|Réf"#, r#"(?P<cue>(?i:(?:[a-z]+_)?serial(?:[ _-]?(?:numbers?|no\.?|nr|num|#))?s?)|S/N|社員番号|従業員番号|社員ID|工号|员工号|员工编号|사번|사원번호|[Zz]akázk[ayu]|[Zz]lecenie|Aktenzeichen|[Ff]olio|CLABE|[Ll]icença|(?:RTLS|RFID)[ \t]+tag|[Rr]éf(?:érence)?\.?)(?P<sep>[ \t]*["']?[ \t]*[:：#=]?[ \t]*["']?[ \t]*|（)(?P<v>[A-Z0-9][A-Z0-9./-]{3,24}[A-Z0-9])(?-u:\b)"#.to_string()),
        (D::MrnNative, r#"患者ID|등록번호|hồ sơ|Fall-Nr|Fallnr|expediente|Expediente|URN|chorobopis|pacienta|住院号|病历号|病案号|就诊号|カルテ番号|cartella n|PID-3|potilasnumero|nosologico|processo"#, format!(r"(?:患者ID|등록번호|mã hồ sơ|Fall-?[Nn]r\.?|[Ee]xpediente(?: cl[ií]nico)?|{B}URN|(?:číslo[ \t]+)?chorobopisu?|číslo[ \t]+pacienta|住院号|病历号|病案号|就诊号|カルテ番号|cartella[ \t]+(?:clinica[ \t]+)?n(?:r|um)?\.?|{B}PID-3|{B}potilasnumero|{B}nosologico|{B}[Pp]rocesso(?:[ \t]+cl[íi]nico)?(?:[ \t]+n\.?º?)?)[ \t]*[:：#=]?[ \t]*([A-Z]{{0,3}}-?[0-9][0-9-]{{3,14}}(?:/[0-9]{{4,10}})?){B}")),
        (D::Nino, r#"[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]"#, format!(r"{B}[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{{2}} ?[0-9]{{2}} ?[0-9]{{2}} ?[A-D]{B}")),
        (D::NatIdCtx, r#"(?i)dselsnummer|bvn|nik|nir|medicare|ahv|svnr|(?-i:PAN[ \t:])|ssn|social security|nric|nid|nhi|cpr|hetu|mykad|hkid|curp|emirates id|kimlik|tckn|jmbg|amka|kvk|siren|siret|org\.? ?nr|orgnr|organisasjonsnummer|nino|national|passport|id card|identity card|dni|nie|nif|cpf|aadha|bsn|personnummer|pesel|codice fiscale|steuer|tax id|tfn|nhs|licen|cccd|cmnd|abha|cnp|afm|iin|egn|oib|ktp|cuil|cuit|cedula|personal code|personal id|id number|ghana card|ppsn|nip|document n"#, format!(r#"(?i){B}(?:cccd|cmnd|abha(?: number| no\.?)?|cnp|afm|iin|egn|oib|ktp|cuil|cuit|c[ée]dula(?: de identidad)?|personal code|personal id(?:entification)?(?: number| code| no\.?)?|id number|ghana card(?: number| no\.?)?|ppsn?(?: number| no\.?)?|nip|document (?:number|no\.?)|nir|medicare(?:[ -]?(?:number|no\.?|card))?|ahv(?:-nr\.?)?|svnr|ssn|social security(?: number| no\.?)?|nric|nid|nhi|cpr(?:-nr\.?)?|hetu|mykad|hkid|curp|emirates id|t\.?[ ]?c\.?[ ]?kimlik(?: no)?|tckn|jmbg|amka|kvk(?:-nummer)?|siren|siret|org\.?[ ]?nr\.?|orgnr|organisasjonsnummer|nino|nik(?-u:\b)|national[ _]?id|national insurance(?: number| no\.?)?|passport(?: number| no\.?| #)?|national id(?:entity)?(?: number| card| no\.?)?|id card(?: number)?|identity card(?: number)?|dni|nie|nif|cpf|aadhaar|aadhar|bsn|personnummer|pesel(?:_[a-z]+)?|codice fiscale|steuer-?id|tax id|tfn|nhs(?: number| no\.?)|driver'?s licen[cs]e(?: number| no\.?)?|licen[cs]e(?: number| no\.?)?|f[øo]dselsnummer|bvn)["']?[ \t]*(?:number|no\.?|#|is)?[ \t]*[:#=]?[ \t]*["']?([A-Z0-9]{{1,16}}(?:[ ./-][A-Z0-9]{{1,12}}){{0,7}})|(?-i:PAN)[ \t]*[:#=]?[ \t]*(?P<pan>(?-i:[A-Z]{{5}}[0-9]{{4}}[A-Z])){B}|"system"[ \t]*:[ \t]*"[^"\n]{{0,80}}(?:medicare|nhs-number|ssn|social-security|passport|national-id|insee|nir)[^"\n]{{0,40}}"[ \t]*,[ \t]*"value"[ \t]*:[ \t]*"(?P<fhir>[^"\n]{{4,40}})""#)),
        // identifiers whose prefix says what they are: "ACC-00918273", "CLM-88-20931",
        // "TRX-5520719", and API object ids of people and accounts: "cus_9fA2kLm", "usr_71c4e9"
        (D::AccountPrefix, r#"ACC-|ACCT-|CUST-|CLM-|TRX-|TXN-|LOAN-|POL-|MBR-|EMP-|cus_|acct_|usr_|cust_|mbr_|emp_"#, format!(r"{B}(?:(?:ACC|ACCT|CUST|CLM|TRX|TXN|LOAN|POL|MBR|EMP)-[0-9]{{2,}}(?:-[0-9]{{2,}}){{0,3}}|(?:cus|acct|usr|cust|mbr|emp)_[A-Za-z0-9]{{6,32}}){B}")),
        (D::AccountCtx, r#"(?i)employee|staff|customer|client|account|acct|member|subscriber|tenant|merchant|user|player|badge|contract|policy|invoice|loyalty|holder|org|project|loan|contrat|mid|cif|bsb|acquirer|crew|licen|frequent flyer|lei|order|refund|asset|delivery note|awb|terminal|npi|kundennummer|partner|uid|cuenta|teamviewer|anydesk|rider|workspace|agent|emp|pernr|personnel|sicil|supplier|vendor|service|circuit|comercio|compte|matr|sort|holder_ref|kundennr|mandatsreferenz|rdfi|odfi|routing|aba|tid|payroll|personeel|personal|socio|funcion|sun|frn|creditor|mandate|company|psu|konto|vostro|nostro|mandato"#, format!(r#"(?i){B}(?:sort[ _-]?code|konto|vostro|nostro|mandato|holder_ref|personeelsnummer|payroll[ _-]?(?:no\.?|number|id)|(?-i:SUN|FRN|PSU)|psu[_-]?id|creditor[ _-]?id|mandate(?:[ _-]?(?:id|ref(?:erence)?))?|company[_-]id|cuenta[ \t]+de[ \t]+comercio|kundennr\.?|mandatsreferenz|rdfi|odfi|routing[ _-]?(?:number|no|transit)|aba|(?-i:mid|tid)=|employee|staff|customer|client|account|acct|member|subscriber|tenant|merchant|user|player|badge|contract|contrat|contrato|policy|invoice|loyalty|cardholder|card holder|org(?:anization|anisation)?|project|loan(?-u:\b)|(?-i:MID|CIF|BSB|LEI)|acquirer(?:_id)?|crew|licen[cs]e|frequent flyer|order|refund|asset(?:[ ]tags?)?|delivery note|awb|terminal|npi|kundennummer|partner|uid|cuenta|teamviewer|anydesk|rider|workspace|emp|pernr|sicil|matricule|matr[ií]cula|personalnummer|(?:agent|personnel|supplier|vendor|service|circuit)[ \t_-]*(?:ids?|no\.?|numbers?|nr|code|ref(?:erence)?)|(?:n[úu]mero|numéro|c[óo]digo|référence|n[º°])[ \t]+(?:de[ \t]+)?(?:empleado|cliente?|cuenta|socio|comercio|compte|funcion[áa]rio)(?:[ \t]+del?[ \t]+\p{{L}}+)?)(?:[ \t_-]*(?:id|no\.?|number|num|nr|#|code|ref(?:erence)?))?(?:[ \t]+(?:is|est|es|ist|é|(?:with|at)[ \t]+(?:you|us)[ \t]+is|for[ \t]+reference))?["']?[ \t]*[:#=]?[ \t]*["'(]?(#?[0-9]{{1,4}}(?:[ ][0-9]{{2,4}}){{2,5}}(?:[ ][0-9]{{5,12}})?|#?(?-i:[A-Z]{{2,4}}[ ])?(?:[A-Z]{{2,4}}-)?[A-Z]{{0,4}}[-_]?[0-9][0-9A-Z_-]{{3,}}(?:[ ][0-9]{{4,}})?){B}"#)),
        (D::Arn, r#"arn:aws"#, r"arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:([0-9]{12}):".to_string()),
        (D::Mrn, r#"(?i)mrn|medical record|patient|ntnummer|hosp|chart|hospital|encounter|visit|record|uhid|nhc|ipp|fallnummer|prontu|cartella|historia|accession"#, format!(r#"(?i){B}(?P<glued>(?-i:MRN)[-_]?[0-9]{{5,12}}){B}|{B}(?:mrns?(?:[ \t]+for[ \t]+the[ \t]+[a-z]+)?|medical record(?: number| no\.?| #)?|(?:clinic|patient|hospital|health) record|(?P<bare>records?(?: number| no\.?| #)?)|patient(?: id| number| no\.?| #| pid)|chart(?: number| no\.?| #)|hospital (?:number|no\.?)|encounter(?: id| number)|visit(?: id| number)|uhid|nhc|ipp|fallnummer|prontu[áa]rio|cartella(?: clinica)?|historia cl[ií]nica|accessions?(?: number| no\.?| #)?|hosp\.?[ ]?(?:no\.?|number|nr\.?)|pati[eë]nt(?:en)?nummer)[ \t]*[:#=]?[ \t]*(?P<v>#?(?:[A-Z]{{2,5}}-)?[A-Z]{{0,3}}-?[0-9][0-9-]{{3,14}}(?:/[0-9]{{4,10}})?|[0-9]{{2,4}}/[0-9]{{4,10}}|[A-Z]{{2,5}}/[0-9]{{4}}/[0-9]{{4,10}}){B}|(?-i:Patient|Encounter)/(?P<v2>#?[A-Z]{{0,3}}-?[0-9][0-9-]{{3,14}}){B}|"system"[ \t]*:[ \t]*"[^"\n]{{0,80}}mrn[^"\n]{{0,40}}"[ \t]*,[ \t]*"value"[ \t]*:[ \t]*"(?P<fhir>[^"\n]{{4,40}})"#)),
        (D::AwsKey, r#"AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA"#, format!(r"{B}(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{{16}}{B}")),
        (D::AwsSecret, r#"(?i)secret"#, format!(r#"(?i)(?:secret[ _-]?(?:access[ _-]?)?key|secret)["']?[ \t]*(?:[:=]+|is)[ \t]*["']?([A-Za-z0-9/+=]{{40}}){B}"#)),
        (D::GitHub, r#"gh[pousr]_|github_pat_"#, format!(r"{B}(?:gh[pousr]_[A-Za-z0-9]{{30,255}}|github_pat_[A-Za-z0-9_]{{22,255}}){B}")),
        // the author of a note in brackets: "# note (Olle): restart hit…", "Comment (Juho
        // Peltonen):"
        (D::NoteAuthor, r#"(?i)(?:note|comment|update|edit|remark)[ \t]*\("#, r"(?i:(?-u:\b)(?:note|comment|update|edit|remark))[ \t]*\((?P<name>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2})\)[ \t]*:".to_string()),
        // dates of Japanese, Chinese and Korean: "2024年9月12日(木) 08:15", "2024년 5월 4일 (토)"
        (D::DateCjk, r#"[0-9]年[0-9]|[0-9]년[ ]?[0-9]"#, r"(?P<y>(?:19|20)[0-9]{2})(?:年|년[ ]?)(?P<mo>1[0-2]|0?[1-9])(?:月|월)(?:[ ]?[0-9]{1,2}(?:日|일))?(?:[ ]?[(（][月火水木金土日월화수목금토일][)）])?(?:[ ]?(?:오전|오후|午前|午後)?[ ]?[0-2]?[0-9]:[0-5][0-9])?".to_string()),
        // attendees of Japanese, Chinese and Korean minutes: "参加: 田中 健一(ライン長)、佐々木 美咲"
        (D::CjkAttendees, r#"参加|出席|与会|参会|참석"#, r"(?m)(?:参加者?|出席者?|与会人员|与会|参会人员|참석자?)[ \t]*[:：][ \t]*(?P<v>[^\n]+)".to_string()),
        // companies in Japanese, Chinese and Korean, by their legal form: "株式会社ミヤコ電装",
        // "深圳华创科技有限公司", "(주)한빛정밀"
        // a Chinese, Japanese or Korean company by its last word: "みどり台病院", "云帆科技",
        // "瀬戸内エアライン", "한빛대학교병원", "청람항공"
        (D::OrgCjkSuffix, r#"病院|医院|醫院|大学病院|大學|大学|銀行|银行|航空|科技|电子|電子|集团|集團|書房|商事|工業|工业|製作所|物産|電機|电机|自動車|汽车|エアライン|ホールディングス|병원|대학교병원|대학교|은행|항공|전자|페이|증권|보험|保险|保険|证券|證券|物流|運輸|运输|食品|製薬|制药|药业|藥業|거래소|交易所|取引所|오토메이션|테크|솔루션|시스템즈|정밀|중공업|로지스틱스|항공기술|技研|精機|重工|工務店|商贸|实业"#, r"(?:^|[^\p{L}\p{N}])(?P<name>[\p{Han}\p{Hangul}\p{Katakana}\p{Hiragana}ー々]{1,12}?(?:病院|医院|醫院|大学病院|大學|大学|銀行|银行|航空|科技|电子|電子|集团|集團|書房|商事|工業|工业|製作所|物産|電機|电机|自動車|汽车|エアライン|ホールディングス|병원|대학교병원|대학교|은행|항공|전자|페이|증권|보험|保险|保険|证券|證券|物流|運輸|运输|食品|製薬|制药|药业|藥業|거래소|交易所|取引所|오토메이션|테크|솔루션|시스템즈|정밀|중공업|로지스틱스|항공기술|技研|精機|重工|工務店|商贸|实业))".to_string()),
        (D::OrgCjk, r#"株式会社|有限会社|合同会社|有限公司|股份公司|주식회사|\(주\)|㈱"#, r"(?:株式会社|有限会社|合同会社|㈱)[\p{Han}\p{Katakana}\p{Hiragana}ー・A-Za-z0-9]{1,24}|[\p{Han}\p{Katakana}ー・A-Za-z0-9]{1,24}(?:株式会社|有限会社|合同会社|股份有限公司|有限责任公司|有限公司|股份公司)|(?:주식회사|\(주\))[ ]?[\p{Hangul}A-Za-z0-9]{1,20}|[\p{Hangul}A-Za-z0-9]{1,20}(?:주식회사|\(주\))".to_string()),
        // tokens of other vendors, by their documented prefixes: npm, PyPI, Hugging Face,
        // OpenAI and Anthropic, SendGrid, DigitalOcean, Shopify, Atlassian; and password hashes
        // of htpasswd and crypt(3) ("$apr1$…$…", "$2y$10$…", "$6$…$…")
        (D::VendorToken, r#"npm_|pypi-|hf_|sk-|SG\.|dop_v1_|shp(?:at|ss|ca|pa)_|ATATT|\$apr1\$|\$2[aby]\$|\$[56]\$"#, format!(r"{B}(?:npm_[A-Za-z0-9]{{36}}|pypi-[A-Za-z0-9_-]{{50,}}|hf_[A-Za-z0-9]{{30,}}|sk-(?:proj-|ant-(?:api|admin)[0-9]{{2}}-)?[A-Za-z0-9_-]{{32,}}|SG\.[A-Za-z0-9_-]{{16,32}}\.[A-Za-z0-9_-]{{16,64}}|dop_v1_[a-f0-9]{{64}}|shp(?:at|ss|ca|pa)_[a-fA-F0-9]{{32}}|ATATT[A-Za-z0-9_=-]{{40,}}){B}|\$(?:apr1|5|6)\$[./A-Za-z0-9]{{1,16}}\$[./A-Za-z0-9]{{8,}}|\$2[aby]\$[0-9]{{2}}\$[./A-Za-z0-9]{{53}}")),
        (D::GitLab, r#"glpat-"#, format!(r"{B}glpat-[A-Za-z0-9_-]{{20,}}")),
        (D::Slack, r#"xox[abposr]-"#, format!(r"{B}xox[abposr]-[A-Za-z0-9-]{{10,}}")),
        (D::Stripe, r#"_live_|_test_"#, format!(r"{B}(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{{16,}}")),
        (D::GoogleKey, r#"AIza"#, format!(r"{B}AIza[0-9A-Za-z_-]{{35}}")),
        (D::Jwt, r#"eyJ"#, format!(r"{B}eyJ[A-Za-z0-9_-]{{8,}}\.eyJ[A-Za-z0-9_-]{{8,}}\.[A-Za-z0-9_-]*")),
        (D::Pem, r#"PRIVATE KEY"#, r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\z)".to_string()),
        // network device configs: "snmp-server community Kx7pQ2mV9ffe RO", "username netops
        // privilege 15 secret 9 $9$…", "enable secret 5 $1$…", "key-string 7 0822455D0A16"
        (D::DeviceSecret, r#"community|secret|password|key-string|pre-shared-key|server key"#, r"(?m)^[ \t]*(?:snmp-server[ \t]+community|enable[ \t]+(?:secret|password)|username[ \t]+[^ \t\n]+(?:[ \t]+privilege[ \t]+[0-9]+)?[ \t]+(?:secret|password)|key-string|pre-shared-key|(?:tacacs|radius)-server[ \t]+key)(?:[ \t]+[0-9])?[ \t]+(?P<v>[^ \t\r\n]{4,})".to_string()),
        // a header that carries a key: `proxy_set_header X-Partner-Key "…"`, `-H 'X-Api-Key: …'`
        (D::HeaderSecret, r#"(?i)x-[a-z0-9-]*(?:key|token|secret|signature)"#, format!(r#"(?i){B}x-[a-z0-9-]*(?:key|token|secret|signature)["']?(?:[ \t]*:[ \t]*|[ \t]+)(?:"(?P<q>[^"\n]{{6,}})"|'(?P<s>[^'\n]{{6,}})'|(?P<v>[^\s"';,]{{8,}}))"#)),
        (D::PasswordKv, r#"(?i)pass|pwd|secret|token|key|hmac|credential|community|sessionid|session_id|session-id|phpsessid"#, format!(r#"(?i){B}(?:[a-z0-9]+[_.-])*(?:(?-i:(?:[A-Z][a-z0-9]+)+(?:Password|Passwd|Pwd|Passphrase|Secret|Key))|password|passwd|pass|pwd|passphrase|(?:store|key|trust)pass(?:word)?|secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|private[_-]?key|secret[_-]?key|(?:routing|integration|signing|encryption|master|hmac|shared|account|license|licence)[_-]?key|hmac|credentials?|snmp[_-]?community|community[_-]?string|j?session[_-]?id|phpsessid)["']?[ \t]*(?:[:=]|=>)[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s,;"'<>]+)"#)),
        (D::PasswordProse, r#"(?i)pass|pin|pw|masterauth|safe code|door code|gate code|alarm code|box code|keypad code"#, format!(r#"(?i){B}(?:(?:password|passphrase|passcode|pin)[ \t]+(?:is|was|to|of|set to|changed to)[ \t]+["'`]?([^\s"'`]{{4,}})|(?:pin|passcode|access code|conference code|(?:key[ ]?safe|door|gate|alarm|lock[ ]?box|keypad|safe)[ \t]+code)[ \t]*(?:is[ \t]+)?[:#]?[ \t]*([0-9]{{4,10}}){B}|(?:[a-z0-9]+_)*(?:password|passwd|pass|pwd|pw|requirepass|masterauth)[ \t]+(?P<bare>[^\s"'`,;]{{6,64}}))"#)),
        (D::Bearer, r#"(?i)bearer|basic|token"#, format!(r"(?i){B}(?:bearer|basic|token)[ \t]+([A-Za-z0-9._~+/-]{{16,}}=*)")),
        // a secret pasted in prose or chat after a word for it, in the same line: "HSM 관리자
        // 토큰 9426…", "the SASL password in #ops, it was RsE+…", "API key … message: 843c…"
        (D::CuedSecret, r#"(?i)token|key|secret|passw|contrase|clave|wachtwoord|haslo|losenord|sifre|nyckel|sleutel|chiave|chave|klucz|anahtar|avain|schlussel|nogle"#, r#"(?i)(?:token|api[ _-]?key|key|secret|passw(?:or)?d|passwort|contraseña|clave|wachtwoord|haslo|losenord|sifre|nyckel|sleutel|chiave|chave|klucz|anahtar|avain|schlussel|nogle)\p{L}*(?:[ \t]*(?:[:=]|(?-u:\b)(?:was|is|era|war|était|er|är)(?-u:\b))?[ \t]*|[^\n]{0,70}?(?:[:=][ \t]*|[ \t](?:was|is|era|war|était)[ \t]+))(?P<v>[^\s"'`,;()<>\[\]{}]{12,128})"#.to_string()),
        (D::CuedSecretNative, r#"토큰|トークン|密钥|令牌|비밀번호|パスワード|密码|hasło|Hasło|lösenord|Lösenord|şifre|Şifre|Schlüssel|schlüssel|nøgle|Nøgle"#, r#"(?:토큰|トークン|密钥|令牌|비밀번호|パスワード|密码|[Hh]asło|[Ll]ösenord|[Şş]ifre|[Ss]chlüssel|[Nn]øgle)(?i:\p{L}*(?:[ \t]*(?:[:=]|(?-u:\b)(?:was|is|era|war|était|er|är)(?-u:\b))?[ \t]*|[^\n]{0,70}?(?:[:=][ \t]*|[ \t](?:was|is|era|war|était)[ \t]+))(?P<v>[^\s"'`,;()<>\[\]{}]{12,128}))"#.to_string()),
        (D::Entropy, r#"[0-9][A-Za-z]|[A-Za-z][0-9]"#, r"[A-Za-z0-9][A-Za-z0-9_+/=-]{23,}".to_string()),
        (D::AircraftN, r#"N[1-9][0-9]"#, format!(r"{B}N[1-9][0-9]{{0,4}}[A-HJ-NP-Z]{{0,2}}{B}")),
        (D::AircraftDash, r#"[A-Z0-9]-[A-Z][A-Z0-9]{2}"#, format!(r"{B}(?:[A-Z]{{1,2}}|[0-9][A-Z]|[A-Z][0-9])-[A-Z][A-Z0-9]{{2,4}}{B}")),
        (D::AircraftOther, r#"JA[0-9]{2}|HL[0-9]{4}|B-[0-9]{2}|[A-Z0-9]{2}-[0-9]{4}"#, format!(r"{B}(?:JA[0-9]{{3,4}}[A-Z]?|JA[0-9]{{2}}[A-Z]{{2}}|HL[0-9]{{4}}|B-[0-9]{{4,5}}|B-[0-9]{{2,3}}[A-Z0-9]{{1,2}}|(?:HK|RA|YV|EW|UK|UN|EX|EY|EZ|UP|4K|4L|CU|HC)-[0-9]{{4,5}}[A-Z]{{0,2}}){B}")),
        (D::FlightIata, r#"[A-Z0-9][A-Z0-9] ?[0-9]"#, format!(r"{B}(?:[A-Z]{{2}}|[A-Z][0-9]|[0-9][A-Z]) ?[0-9]{{1,4}}[A-Z]?{B}")),
        (D::FlightIcao, r#"[A-Z]{3} ?[0-9]"#, format!(r"{B}[A-Z]{{3}}(?: ?[0-9]{{1,4}}[A-Z]?|[0-9]{{1,3}}[A-Z]{{2}}){B}")),
        (D::FlightWord, r#"(?i)flight|flt|callsign|call sign|cs="#, format!(r"(?i){B}(?:flight|flt|callsign|call sign|cs)(?:[ \t]*[=:][ \t]*|[ \t]+)(?:number[ \t]+|no\.?[ \t]*)?#?([A-Z0-9]{{2,3}} ?[0-9]{{1,4}}[A-Z]?){B}|(?i:{B}call[ ]?sign[ \t]*:?[ \t]*)(?P<word>(?-i:\p{{Lu}}\p{{Ll}}+[ ][0-9]{{1,4}}[A-Z]{{0,2}})){B}")),
        // the callsign a controller addresses in a radio transcript: "TWR: Meridian 512, runway
        // 09 cleared for takeoff", "APP: Sahel Four Two Seven, descend flight level 080"
        (D::FixCompId, r#"(?m)CompID=|SubID=|(?:^|[|\x01 ])(?:49|56|115|128)="#, r"(?:(?-u:\b)(?:SenderCompID|TargetCompID|SenderSubID|TargetSubID|OnBehalfOfCompID|DeliverToCompID)=|(?:^|[|\x01 ])(?:49|56|115|128)=)(?P<v>[A-Za-z][A-Za-z0-9_.-]{1,40})".to_string()),
        (D::SwiftHeader, r#"\{[12]:"#, r"\{1:F01(?P<b1>[A-Z]{6}[A-Z0-9]{2}[A-Z0-9]?[A-Z0-9]{3})|\{2:[IO][0-9]{3}(?:[0-9]{10})?(?P<b2>[A-Z]{6}[A-Z0-9]{2}[A-Z0-9]?[A-Z0-9]{3})".to_string()),
        (D::SwiftParty, r#"(?m)^:5[0-9][A-Z]?:"#, r"(?m)^:(?:50[AFK]?|52[AD]?|53[ABD]?|54[ABD]?|56[AD]?|57[ABCD]?|59[AF]?):(?:/[A-Z0-9]{2,34}\r?\n)?(?P<name>[^\r\n:/][^\r\n]{1,70})".to_string()),
        (D::SwiftDate, r#"(?m)^:3[0-9][A-Z]?:"#, r"(?m)^:(?:32A|30|30V|30T|33A|34A):(?P<y>[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])".to_string()),
        (D::Pnr, r#"(?i)pnr|record locator|booking ref|\.[LN]/"#, r"(?i)(?-u:\b)(?:pnr|record[ \t]+locator|booking[ \t]+ref(?:erence)?)[ \t]*[:=#]?[ \t]*(?-i:(?P<v>[A-Z0-9]{6}))(?-u:\b)|(?m-i:^\.L/(?P<bsm>[A-Z0-9]{6})$|^\.N/(?P<tag>[0-9]{10})(?P<count>[0-9]{3})$)".to_string()),
        (D::SvcAccount, r#"svc[-_]"#, r"(?-u:\b)svc[-_][a-z0-9][a-z0-9_-]{1,40}".to_string()),
        (D::PnrName, r#"[A-Z0-9]/[A-Z]|\.P/[0-9]"#, r"(?:(?-u:\b)|(?m:^\.P/[0-9]))(?P<sn>[A-Z][A-Z'-]{1,29})/(?P<gn>[A-Z][A-Z'-]{1,29})(?:[ ](?P<t>MRS|MR|MS|MISS|MSTR|DR|CAPT))?(?-u:\b)".to_string()),
        (D::AtcCallsign, r#"(?m)^[ \t]*(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ \t]+)?(?:TWR|APP|CTR|GND|DEP|DEL|ATC|ACC|Tower|Approach|Cent(?:er|re)|Ground|Departure|Radar|Control)(?:[ \t]*:|[ \t]{2,}|\t)"#, r"(?m)^[ \t]*(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ \t]+)?(?:TWR|APP|CTR|GND|DEP|DEL|ATC|ACC|Tower|Approach|Cent(?:er|re)|Ground|Departure|Radar|Control)(?:[ \t]*:|[ \t]{2,}|\t)[ \t]*(?P<cs>(?:\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?|[A-Z]{4,})[ ](?:[0-9]{1,4}[A-Z]{0,2}|(?:WORDS)(?:[ ](?:WORDS)){0,4})(?:[ ](?:Heavy|Super))?)[ \t]*[,.]".replace("WORDS", "One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Niner|Zero|Tree|Fife|Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf|Hotel|India|Juliet|Juliett|Kilo|Lima|Mike|November|Oscar|Papa|Quebec|Romeo|Sierra|Tango|Uniform|Victor|Whiskey|Xray|X-ray|Yankee|Zulu").to_string()),
        (D::Callsign, r#"[A-Za-z][a-z]+ [0-9]|[A-Z]{4,} [0-9]"#, format!(r"{B}(?i:Speedbird|Cactus|Shamrock|Ryanair|Easy|Lufthansa|Delta|United|American|Southwest|Jetblue|JetBlue|Qantas|Springbok|Clipper|Airfrance|Air France|Dynasty|Emirates|Qatari|Etihad|Skywest|Alaska|Ascot|Brickyard|Citrus|Flagship|Envoy|Horizon|Virgin|Cathay|Singapore|Japanair|All Nippon|Air Canada|Westjet|Iberia|Alitalia|Turkish|Saudia|Kenya|Ethiopian|Aeroflot|Finnair|Scandinavian|Swiss|Austrian|KLM)[ ]+[0-9]{{1,4}}[A-Z]{{0,2}}{B}")),
        (D::GpsDec, r#"[0-9]\.[0-9]{3}"#, r"(?i)(?:(?:lat(?:itude)?|gps|coords?|coordinates|position|location|loc)[ \t]*[:=]?[ \t]*)?-?[0-9]{1,2}\.[0-9]{3,}°?[ \t]*[NS]?[ \t]*[,;/ ][ \t]*(?:(?:lon|lng|long|longitude)[ \t]*[:=]?[ \t]*)?-?[0-9]{1,3}\.[0-9]{3,}°?(?:[ \t]*[EW](?-u:\b))?".to_string()),
        (D::GpsDms, r#"°"#, format!(r"{coord}(?:[ \t]*[,/]?[ \t]*{coord})?")),
        (D::DateIso, r#"[0-9]{4}[-/][0-9]{2}[-/][0-9]{2}"#, format!(r"{B}{on}{head}{WEEKDAY}[0-9]{{4}}[-/][0-9]{{2}}[-/][0-9]{{2}}(?:[T ]{TIME})?{tail}")),
        (D::DateDmy, r#"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?[ \t]+[0-9]{4}"#, format!(r"{B}{on}{head}(?:the[ \t]+)?{WEEKDAY}(?:the[ \t]+)?[0-9]{{1,2}}(?:st|nd|rd|th)?(?:[ \t]*(?:-|–|to)[ \t]*[0-9]{{1,2}}(?:st|nd|rd|th)?)?[ \t]+(?:of[ \t]+)?(?P<m>{MONTH})\.?,?[ \t]+(?P<y>[0-9]{{4}}){B}{tail}")),
        (D::DateMdy, r#"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+[0-9]"#, format!(r"{B}{on}{head}{WEEKDAY}(?P<m>{MONTH})\.?[ \t]+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:[ \t]*(?:-|–|to)[ \t]*[0-9]{{1,2}}(?:st|nd|rd|th)?)?{B}(?:,?[ \t]+(?P<y>[0-9]{{4}}){B})?{tail}")),
        (D::DateNum, r#"[0-9][/.][0-9]{1,2}[/.][0-9]{2}|[0-9]-[0-9]{1,2}-[0-9]{4}|[0-9]\. [0-9]{1,2}\. [0-9]{4}"#, format!(r"{B}{on}{head}{WEEKDAY}(?:(?i:{FOREIGN_WEEKDAY}),?[ \t]+)?(?:(?P<a>[0-9]{{1,2}})(?P<s1>[/.])[ ]?(?P<b>[0-9]{{1,2}})(?P<s2>[/.])[ ]?(?P<y>[0-9]{{4}}|[0-9]{{2}})|(?P<da>[0-9]{{1,2}})-(?P<db>[0-9]{{1,2}})-(?P<dy>[0-9]{{4}})){B}{tail}")),
        // dates in the words of other languages: "3 de outubro de 2024", "4 listopada 2024",
        // "1 Mayıs 2024", "12. März 2024"
        (D::DateIntl, r#"[0-9][ \t.]+(?:de[ \t]+)?[A-Za-zÀ-ÿĀ-ſ]{3,}[ \t]+(?:de[ \t]+)?[12][0-9]{3}"#, format!(r"(?i:{B}{on}{head}(?:{FOREIGN_WEEKDAY},?[ \t]+(?:dem[ \t]+)?)?[0-9]{{1,2}}\.?[ \t]+(?:de[ \t]+)?(?P<fm>[a-zà-ÿā-ſ]{{3,}})[ \t]+(?:de[ \t]+)?(?P<y>[12][0-9]{{3}})(?:[ \t]+{FOREIGN_WEEKDAY}(?-u:\b))?){B}{tail}")),
        // compact timestamps of FIX and HL7 ("20240522-01:31:07.118", "20240912031738") and a
        // compact date standing alone
        // a day and a month of another language without a year ("14 mars", "2 gennaio",
        // "8/9 marca", "12 november" in Dutch): the month's names are the trigger
        (D::DateIntlDm, FOREIGN_MONTH_TRIGGER.as_str(), format!(r"(?i:{B}{on}(?:{FOREIGN_WEEKDAY},?[ \t]+(?:dem[ \t]+)?)?[0-9]{{1,2}}(?:[/–-][0-9]{{1,2}})?\.?[ \t]+(?:de[ \t]+)?(?P<fm>[a-zà-ÿā-ſ]{{3,}})(?:[ \t]+(?:de[ \t]+)?(?P<y>[12][0-9]{{3}}))?){B}")),
        // a month and a day in Chinese, Japanese or Korean without a year: "5月29日", "10월 9일",
        // "周一 8月5日"
        (D::DateCjkMd, r#"月|월"#, r"(?:(?:周|星期)[一二三四五六日天][ ]?)?(?P<mo>1[0-2]|0?[1-9])(?:月|월[ ]?)(?P<d>3[01]|[12][0-9]|0?[1-9])(?:日|일)".to_string()),
        (D::DateCompact, r#"20[0-9]{6}"#, r"(?P<y>20[0-9]{2})(?P<mo>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?P<t>-[0-2][0-9]:[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?|[0-2][0-9][0-5][0-9](?:[0-5][0-9](?:\.[0-9]{1,4})?)?(?:[+-][0-9]{4})?)?".to_string()),
        // web-server logs and ticket systems: "10/Oct/2024:13:55:36 +0000", "20/Feb/24 10:14",
        // "03-Feb-2025 14:22:51"
        (D::DateClf, r#"[0-9][/-](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*[/-][0-9]{2}"#, format!(r"{B}[0-9]{{1,2}}[/-](?P<m>{MONTH})[/-](?P<y>[0-9]{{4}}|[0-9]{{2}}){B}(?::[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}(?:[ ][+-][0-9]{{4}})?|[ ][0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{{1,6}})?)?)?")),
        // dates without a year after a word that introduces a date: "due 15.04.", "on
        // 06-12", "the 15/10 run" (which readings count is decided in `date_short`)
        (D::DateShort, r#"(?i)(?:on|due|since|from|until|till|by|before|after|done|started|dated|effective|date|am|ab|bis|seit|vom|zum|le|el|il|dal|del|op|per|the|of|dia|outage|meeting|incident|backup|ed)[ \t]+[0-9]{1,2}[./-][0-9]|[0-9]{2}[./][0-9]{2}\.?[ \t]+[0-2]?[0-9]:[0-5]"#, r"(?:(?i:(?-u:\b)(?P<cue>on|due|since|from|until|till|by|before|after|done|started|dated|effective|date|am|ab|bis|seit|vom|zum|le|el|il|dal|del|op|per|the|of|dia|outage|meeting|incident|backup|[a-z]{2,}ed)[ \t]+)|(?-u:\b))(?P<a>[0-9]{1,2})(?P<sep>[./-])(?P<b>[0-9]{1,2})(?P<dot>\.)?(?:[ \t]+(?P<time>[0-2]?[0-9]:[0-5][0-9])(?-u:\b))?".to_string()),
        // the day-month of airline systems: "31DEC", "05JAN24"
        (D::DateDdmmm, r#"[0-9](?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"#, r"(?-u:\b)(?P<d>0?[1-9]|[12][0-9]|3[01])(?P<m>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?P<y>[0-9]{2}(?:[0-9]{2})?)?(?-u:\b)".to_string()),
        (D::DateDm, r#"[0-9][a-z.]*[ \t]+(?:of[ \t]+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"#, format!(r"{B}{on}{head}{WEEKDAY}[0-9]{{1,2}}(?:st|nd|rd|th|\.)?(?:[ \t]*(?:-|–|to)[ \t]*[0-9]{{1,2}}(?:st|nd|rd|th)?)?[ \t]+(?:of[ \t]+)?(?P<m>{FULL_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?){B}{tail}")),
        (D::HostInternal, r#"(?i)\.(?:internal|intra|corp|local|lan|home\.arpa|private|consul|priv)"#, format!(r"(?i){B}(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:internal|intranet|intra|corp|local|localdomain|lan|home\.arpa|private|cluster\.local|consul|priv){B}")),
        (D::HostPublic, r#"[A-Za-z0-9]\.[A-Za-z]{2}"#, format!(r"(?i){B}(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{tlds}){B}")),
        // country domains not in the list above, with at least three labels so that file names
        // ("main.rs", "setup.py") are not read as hosts
        // (the trigger as case-blind as the pattern: "D.O.BY", "Mail.Example.By")
        (D::HostCcTld, r#"(?i)\.[a-z0-9-]+\.[a-z]{2}"#, format!(r"(?i){B}(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.){{2,}}(?:in|ad|af|ag|ao|aq|aw|az|ba|bb|bd|bf|bg|bh|bi|bj|bm|bn|bo|bs|bt|bw|by|bz|cd|cf|cg|ci|ck|cm|cr|cu|cw|cy|dj|dm|dz|ec|ee|eg|er|et|fj|fk|fo|ga|gd|gh|gi|gl|gm|gn|gp|gq|gt|gu|gw|gy|hn|hr|ht|iq|ir|je|jm|jo|ke|kg|kh|ki|km|kn|kp|kw|ky|kz|lb|lc|li|lk|lr|ls|lt|lv|mc|mg|mh|mm|mn|mo|mp|mq|mr|ms|mt|mu|mv|mw|my|mz|nc|nf|ng|ni|np|nr|nu|om|pe|pf|pg|ph|pk|pr|pw|qa|rw|sa|sb|sd|si|sk|sl|sm|sn|sr|ss|sv|sx|sy|sz|tc|td|tg|th|tj|tk|tl|tm|tn|tt|tz|ua|ug|uy|uz|va|vc|ve|vg|vi|vn|vu|wf|ws|ye|yt|zm|zw){B}")),
        (D::HostEnv, r#"-(?:prod|prd|production|stg|staging|stage|dev|qa|uat|preprod|canary|sandbox|perf|nonprod)|(?:prod|prd|production|stg|staging|stage|dev|qa|uat|preprod|canary|sandbox|perf|nonprod)-"#, format!(r"{B}[a-z][a-z0-9]*(?:-[a-z0-9]+){{1,6}}{B}")),
        (D::HostSeq, r#"[a-z0-9]-[a-z0-9]+-[0-9]"#, format!(r"{B}[a-z][a-z0-9]*(?:-[a-z0-9]+){{1,5}}-[0-9]{{1,4}}[a-z]?{B}")),
        (D::HostIp, r#"ip-[0-9]"#, format!(r"{B}ip-[0-9]{{1,3}}-[0-9]{{1,3}}-[0-9]{{1,3}}-[0-9]{{1,3}}{B}")),
        (D::HostInstance, r#"i-[0-9a-f]{8}"#, format!(r"{B}i-[0-9a-f]{{8}}(?:[0-9a-f]{{9}})?{B}")),
        // cloud Kubernetes node names: "aks-np-gpu-31402517-vmss00000b",
        // "gke-prod-pool-1-3f9a2c1d-x7k2" (pod names: `Detectors::k8s_pods`)
        (D::HostK8s, r#"-vmss|gke-"#, format!(r"{B}(?:aks-[a-z0-9-]+-[0-9]{{8}}-vmss[0-9a-z]{{6}}|gke-[a-z0-9-]+-[0-9a-f]{{8}}-[0-9a-z]{{4}}){B}")),
        // a Google Cloud project id in a resource name: "projects/orbitale-prod/secrets/…"
        (D::GcpProject, r#"projects/[a-z]"#, r"(?-u:\b)projects/(?P<p>[a-z][a-z0-9-]{4,28}[a-z0-9])/(?:secrets|locations|zones|regions|topics|subscriptions|instances|databases|datasets|serviceAccounts|global|buckets|keyRings|repositories|jobs|clusters|services|functions|logs|sinks|metrics|alertPolicies|notificationChannels|roles|snapshots|images|networks|subnetworks|firewalls|backendServices)(?-u:\b)".to_string()),
        // infrastructure names built of site, rack and unit codes: "lag-dc1-esx07",
        // "es-data-eu1-a03", "tor-ams3-r14-a"
        // (the trigger: a code after a hyphen, which a name of two codes always has; the two
        // need not be neighbours: "bhs-t2-sorter-plc01")
        (D::HostCodes, r#"-[a-z]{1,4}[0-9]"#, format!(r"{B}[a-z][a-z0-9]*(?:-[a-z0-9]+){{2,5}}{B}")),
        // a machine named for what it is: "okechukwu-thinkpad", "claims-portal-lb"
        (D::HostDevice, r#"-(?:thinkpad|laptop|macbook|mbp|desktop|workstation|imac|lb|alb|nlb|elb)"#, format!(r"{B}[a-z][a-z0-9]{{2,}}(?:-[a-z0-9]+)*-(?:thinkpad|laptop|macbook|mbp|desktop|workstation|imac|lb|alb|nlb|elb)(?:-?[0-9]{{1,3}})?{B}")),
        (D::HostNum, r#"[a-z]-?[0-9]"#, format!(r"{B}(?:(?:web|db|app|api|srv|server|node|host|worker|vm|lb|box|bastion|jump|jumpbox|runner|builder|compute|gw|fw|rtr|nas|mail|smtp)-?[0-9]{{1,4}}[a-z]?|(?:kafka|redis|mysql|pg|postgres|mongo|zk|etcd|ceph|es|elastic|cassandra|rabbit|memcache|cache|proxy|edge|batch|master|minion|storage|ingest|search)-[0-9]{{2,4}}[a-z]?){B}")),
        (D::HostCtx, r#"(?i)(?:host|server|instance|machine|box|workstation|computer|device|client|ae(?:[ _]?title)?|aet|node[ _]?name|gateway)(?:[ _]?name)?[ \t]*[:=]"#, format!(r#"(?i){B}(?:host(?:name)?|server(?:name)?|instance|machine|box|workstation(?:[ _]?name)?|computer(?:[ _]?name)?|device[ _]?name|client[ _]?name|(?:calling[ _]|called[ _])ae(?:[ _]?title)?|ae[ _]?title|(?-i:ae)|aet|node[ _]?name|gateway)[ \t]*[:=][ \t]*["']?([a-z][a-z0-9._-]*[a-z0-9])"#)),
        // a machine named in prose after what it is: "no host mq-sp-02", "gateway locgw-04",
        // "handset DECT-5C-02", "RTU TLM-PS07-A"
        (D::HostCue, r#"(?i)host |gateway |handset |rtu |broker |station: |station=|uplink to |downlink to "#, r"(?i:(?-u:\b)(?:host|gateway|handset|rtu|broker|station:|uplink to|downlink to)[ \t]+|(?-u:\b)station=)(?P<h>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+){1,4})(?-u:\b)".to_string()),
        // an internal name with more domain labels under any TLD: "db-prod-03.corp.example",
        // "sap-pi-prd.erp.arkwright-mfg.example" (the first label numbered or an environment)
        (D::HostFqdn, r#"(?i)[0-9][a-z]?\.[a-z0-9]|-(?:prod|prd|stg|staging|dev|uat|qa)\.[a-z0-9]"#, r"(?i)(?-u:\b)(?P<first>[a-z]+(?:-[a-z0-9]+)*(?:-?[0-9]{1,4}[a-z]?|-(?:prod|prd|stg|staging|dev|uat|qa)))(?:\.[a-z0-9-]*[a-z][a-z0-9-]*){2,}(?-u:\b)".to_string()),
        // machine names in capitals: "WS-FIN-0231", "SRV-DHCP02", "SCADA-HMI-02", "ENG-LT-WKOWAL"
        (D::MachineName, r#"[A-Z0-9]-[A-Z0-9]"#, r"(?-u:\b)(?P<h>[A-Z][A-Z0-9]{0,9}(?:-[A-Z0-9]{1,12}){1,4})(?-u:\b)".to_string()),
        // the host of a syslog or log line: "Mar 14 02:17:44 edge-lon-3 haproxy[2211]: …"
        (D::SyslogHost, r#"(?m)^(?:<[0-9]+>)?(?:[A-Z]+[ \t]+)?(?:[A-Z][a-z]{2}[ \t]+[0-9]{1,2}[ \t]+[0-9]{2}:|[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9])"#, r"(?m)^(?:<[0-9]+>)?(?:(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|CRIT|NOTICE)[ \t]+)?(?:[A-Z][a-z]{2}[ \t]+[0-9]{1,2}[ \t]+[0-9]{2}:[0-9]{2}:[0-9]{2}|[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)[ \t]+(?P<h>[A-Za-z][A-Za-z0-9._-]{1,62})[ \t]+[A-Za-z][A-Za-z0-9_./-]*(?:\[[0-9]+\])?:".to_string()),
        // "Host bastion-sao" in an ssh config
        (D::SshHost, r#"(?m)^[ \t]*Host[ \t]+[A-Za-z0-9]"#, r"(?m)^[ \t]*Host[ \t]+(?P<h>[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[ \t]*\r?$".to_string()),
        // a computer's account in Windows events: "Account Name:   DC-LON-02$"
        (D::MachineAccount, r#"[A-Za-z0-9]\$"#, r"(?i:account name|account|user)[ \t]*[:=][ \t]*(?P<h>[A-Za-z0-9][A-Za-z0-9-]{1,14})\$".to_string()),
        // a DHCP lease names the machine in brackets: "DHCPACK on 10.0.0.5 to aa:bb:… (LT-AILE-SOMBY)"
        (D::DhcpHost, r#"DHCP(?:ACK|OFFER|REQUEST|DISCOVER)"#, r"DHCP(?:ACK|OFFER|REQUEST|DISCOVER)[^\n(]*\((?P<h>[A-Za-z0-9][A-Za-z0-9-]{2,62})\)".to_string()),
        (D::HomePath, r#"/home/|/Users/|/export/home/|/usr/home/|/var/home/"#, r"(?:/home/|/Users/|/export/home/|/usr/home/|/var/home/)([A-Za-z0-9._-]+)".to_string()),
        (D::WinPath, r#"(?i)[A-Z]:\\"#, r#"(?i)[A-Z]:\\(?:Users|Documents and Settings)\\([^\\/\s:*?"<>|]+)"#.to_string()),
        (D::TildePath, r#"~[a-z]"#, r"(?:^|[\s(])~([a-z][a-z0-9._-]{1,31})/".to_string()),
        (D::UserCtx, r#"(?i)user|usu[áa]rio|utilisateur|benutzer|gebruiker|utente|u[żz]ytkownik|kullan[ıi]c[ıi]|tso id|racf id|login|uid|owner|author|committer|assignee|reporter|account|logged in|signed|sudo|su -|ssh|publickey for|password for|operator|nurse|technician|(?-u:\b)driver|(?-u:\b)ack|by["']?[ \t]*[:=]|by[ \t]+["'`(]?[a-z0-9]+[._0-9]|(?:corrected|fixed|reviewed|edited|entered|approved|acknowledged|acked|requested|changed|modified|signed|verified|checked|performed|posted|opened|merged|reported)[ \t]+by[ \t]+[a-z]|_by["']?[ \t]*[:=]|actor|analyst"#, format!(r#"(?i){B}(logged in as|signed in as|as user|sudo -u|su -|ssh(?:ed|'d)? as|(?:publickey|password|keyboard-interactive/pam|authentication failure) for(?: invalid user| illegal user)?|invalid user|illegal user|sudo:|(?:[a-z0-9]+[_.])+user(?:name)?|by user|by operator|user[ ]id|user(?:name)?|login|uid|userid|tso id|racf id|usu[áa]rio|utilisateur|benutzer|gebruiker|utente|u[żz]ytkownik|kullan[ıi]c[ıi]|owner|author|committer|assignee|reporter|account name|account|operator|nurse|technician|driver|signed(?: off)?(?: by)?|ack(?:ed|nowledged)?(?: by)?|(?:requested|approved|released|created|added|changed|modified|updated|acknowledged|acked|run|triggered|opened|closed|deployed|merged|corrected|fixed|reviewed|edited|entered|posted|performed|verified|checked|reported) by(?: user| operator)?|[a-z]+_by|actor|analyst|by)(["']?[ \t]*[:=][ \t]*|[ \t]+)(["'`(]?)((?:[A-Za-z0-9-]{{1,15}}\\)?[A-Za-z][A-Za-z0-9._-]{{1,31}})"#)),
        // a login and its password on a command line: "curl -u deploy_bot:Qm4zT8wLk2vR …",
        // "wget --user=ops:…"
        (D::CliCredentials, r#"-u |-u'|-u"|--user[ =]"#, r#"(?:^|[ \t])(?:-u|--user)(?:[ \t]+|=)["']?(?P<u>[A-Za-z0-9._@\\-]{1,64}):(?P<p>[^\s"'@]{3,128})["']?"#.to_string()),
        (D::Unc, r#"\\\\"#, r"\\\\[A-Za-z0-9._-]+\\[A-Za-z0-9$._-]+(?:\\[A-Za-z0-9$._-]+)*".to_string()),
        (D::AddrUs, r#"[a-z.][ \t]+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Sq|Circle|Cir|Crescent|Close|Gardens|Row|Mews|Trail|Alley)"#, format!(r"{B}[0-9]{{1,5}}[A-Za-z]?[ \t]+(?:[A-Z][a-z]+\.?[ \t]+){{1,4}}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Sq|Circle|Cir|Crescent|Close|Gardens|Row|Mews|Trail|Alley){B}\.?(?:[ \t]+(?:NW|NE|SW|SE){B})?(?:,?[ \t]+(?:Suite|Ste|Apt|Unit|Floor|Fl|Building|Bldg|Block)\.?[ \t]*#?[0-9A-Z]+)?(?:,[ \t]*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?(?:,?[ \t]+[A-Z]{{2,3}}{B})?(?:,?[ \t]+(?:[0-9]{{5}}(?:-[0-9]{{4}})?|[0-9]{{4}}|[A-Z]{{1,2}}[0-9][A-Z0-9]?[ \t][0-9][A-Z]{{2}}){B})?)?")),
        (D::AddrDe, r#"(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer)[ \t]+[0-9]"#, r"\b\p{Lu}\p{Ll}+(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer)[ \t]+[0-9]{1,4}[a-z]?(?:,[ \t]*[0-9]{5}[ \t]+\p{Lu}\p{Ll}+)?".to_string()),
        (D::AddrFr, r#"(?i)rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai"#, r"(?i:(?-u:\b)[0-9]{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai)[ \t]+)(?:(?:de[ \t]+la|du|des|de)[ \t]+|d'|l')?\p{Lu}[\p{L}'-]+(?:[ \t]+\p{Lu}[\p{L}'-]+){0,3}(?:,[ \t]*[0-9]{5}[ \t]+\p{Lu}[\p{L}'-]+)?".to_string()),
        (D::AddrLatin, r#"Calle|Avenida|Avda\.|Av\. |Rua|Via|Viale|Piazza|Corso|Paseo|Plaza|Praça|Travessa|Largo|Estrada|Rodovia|Alameda|Carretera|Camino|Calzada|Avinguda|Carrer|Strada|Ulica|ul\. "#, r"(?-u:\b)(?:Calle|Avenida|Avda\.|Av\.|Rua|Via|Viale|Piazza|Corso|Paseo|Plaza|Praça|Travessa|Largo|Estrada|Rodovia|Alameda|Carretera|Camino|Calzada|Avinguda|Carrer|Strada|Ulica|ul\.)[ \t]+(?:(?:de[ \t]+la|de[ \t]+las|de[ \t]+los|de|del|da|do|dos|das|della|di)[ \t]+)?\p{Lu}[\p{L}'-]+(?:[ \t]+\p{Lu}[\p{L}'-]+){0,3},?[ \t]+(?:n[ºo°]\.?[ \t]*)?[0-9]{1,4}(?-u:\b)(?:,[ \t]*[0-9]{1,2}(?:[ºª°](?:[ \t]*[A-Z](?-u:\b))?|[ \t]*[A-Z](?-u:\b)))?(?:,[ \t]*(?:km|Bloc|Bl\.|Sc\.|Et\.|ap\.|Apt\.?|Piso|Andar|Dpto\.?|Depto\.?|Bloco|Lote)[ \t]*[0-9A-Z]{1,4}(?-u:\b))*(?:,[ \t]*(?:[0-9]{4,5}(?:-[0-9]{3})?|[0-9]{2}-[0-9]{3})[ \t]+\p{Lu}\p{Ll}+)?".to_string()),
        // A postal address written on one line, anchored by its postcode: a street part
        // (number and name, either order), up to three parts (unit, district, city), then a
        // postcode and place in either order: "Keizersgracht 214, 1016 DX Amsterdam",
        // "2 Canal Wharf, Leeds LS11 5PS", "Kauno g. 17, LT-44281 Kaunas".
        (D::AddrLine, r#"[0-9]{4}|[0-9]{3} [0-9]{2}|[A-Z][0-9]{1,2}[A-Z]? [0-9][A-Z]|[A-Z][0-9]{2} [A-Z0-9]{4}|[A-Z][0-9][A-Z] [0-9]"#, {
            let w = r"\p{Lu}[\p{L}'’.-]*";
            let lw = r"(?:de|del|la|las|los|da|do|dos|das|na|y|van|der|den|di|du|le|gate|g\.|ul\.|el|al|an|am)";
            let num = r"[0-9]{1,5}[A-Za-z]?(?:/[0-9]{1,4}[A-Za-z]?)?";
            let word = format!(r"(?:{w}|{lw})");
            let street_num_first = format!(r"{num}[ \t]+{w}(?:[ \t]+{word}){{0,4}}(?:[ \t]+#[0-9]{{1,4}}(?:-[0-9]{{1,4}})?)?");
            let street_name_first = format!(r"{w}(?:[ \t]+{word}){{0,4}},?[ \t]+(?:No[.:]?[ \t]*)?{num}");
            let unit = r"(?i:suite|unit|floor|flat|apt|level|tầng|hala|bldg|building)[ \t]+[0-9A-Z]{1,4},?[ \t]*";
            let part = format!(r"(?:{word}|{num}|[0-9]{{1,3}}[ºª°]|[A-Z](?-u:\b))(?:[ \t]+(?:{word}|{num}|[0-9]{{1,3}}[ºª°]|[A-Z](?-u:\b))){{0,4}}");
            let post_first = format!(r"(?P<pf>(?:[A-Z]{{1,2}}-)?[0-9]{{3}}(?:[ ]?[0-9]{{2}}|[0-9]{{1,2}})(?:[ ][A-Z]{{2}})?)[ \t]+(?P<pp>{w}(?:[ /]{w})?)(?:,[ \t]*(?P<region>\p{{Lu}}[\p{{L}}'’-]*(?:\.|(?:[ \t]+\p{{Lu}}[\p{{L}}'’-]*){{0,2}}\.?)))?");
            let post = r"[A-Z]{1,2}[0-9][A-Z0-9]?[ ][0-9][A-Z]{2}|[A-Z][0-9]{2}[ ][A-Z0-9]{4}|[A-Z][0-9][A-Z][ ][0-9][A-Z][0-9]|[0-9]{4,7}";
            let place_first = format!(r"(?P<qp>{w}(?:[ \t]+{word}){{0,2}}),?[ \t]+(?:[A-Z]{{2,3}}[ \t]+)?(?P<qf>{post})");
            // "UNIT 7 DOCK ROAD": the unit's number, then a street without one
            let unit_street = format!(r"(?i:suite|unit|flat|apt)[ \t]+[0-9]{{1,4}}[A-Z]?[ \t]+{w}(?:[ \t]+{word}){{0,4}}");
            format!(r"(?:{unit_street}|(?:{unit})?(?:{street_num_first}|{street_name_first}))(?:,[ \t]*{part}){{0,3}},[ \t]*(?:{post_first}|{place_first})(?:[^\p{{L}}\p{{N}}]|$)")
        }),
        (D::PoBox, r#"(?i)box"#, format!(r"(?i){B}P\.?[ \t]?O\.?[ \t]+Box[ \t]+[0-9]{{1,6}}{B}")),
        (D::Postcode, r#"[A-Z][0-9][A-Z0-9]? [0-9][A-Z]{2}|[A-Z]{2}[0-9][A-Z0-9]? [0-9][A-Z]{2}"#, format!(r"{B}[A-Z]{{1,2}}[0-9][A-Z0-9]?[ \t][0-9][A-Z]{{2}}{B}")),
        (D::Legal, r#"Pvt|Private|SRL|S\.R\.L|DAC|SAC|S\.A\.C|UAB|KK|ehf|A\.Ş|Co-op|Inc|Corp|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|S\.A|SA|S\.L|SL|BV|B\.V|NV|N\.V|Pty|PLC|plc|LLP|KG|Oy|AB|A/S|AS|[Ss]p\. z|FZ|JSC|Kft|Zrt|s\.r\.o|a\.s\.|d\.o\.o|Tbk|ApS|S\.p\.A|SpA|S\.r\.l|Srl|K\.K|Pte|Sdn|Ltda|Co\.|Berhad|Bhd|Teo|CLG|OOD|EAD|TOO|OOO|ZAO|OAO|PAO|TOV|Lda|Oyj|SIA|OÜ|hf\.|OHG|KGaA|UG|VOF|BVBA|SASU|EURL|S\.a\.s|S\.L\.U|G\.K|W\.L\.L|WLL|SAOG|EIRELI|S\.[ \t]?de[ \t]R\.L|Nyrt|d\.d\.|A\.E\.|PLLC|eG|Sp\. [jk]\.|S\.K\.A|Α\.Ε"#, format!(r"(?P<name>\p{{Lu}}[\p{{L}}0-9&'’.-]*(?:[ \t]+(?:\p{{Lu}}[\p{{L}}0-9&'’.-]*|&|and|of|de|y|i|e|ve|und|et|van|der|den|von|da|di|du|la|le|del|della|dos|das|do)){{0,6}}),?[ \t]+(?P<sfx>{legal_sfx})(?:[^\p{{L}}\p{{N}}_]|$)")),
        // a company named by its part: "vendor: Paytrail", "operated by Borealis Air Link", "a
        // technician from Cajamonte", "datalink_provider": "SkyRelay"
        // a name before the people who work there: "escalated to Tessary support",
        // "Duinwater's engineers", "the Ledgerline team"
        (D::OrgFollower, r#" support| team| engineer| staff| helpdesk| help desk| NOC| status page| account manager"#, r#"(?-u:\b)[A-Z][a-z]{2,}(?:[A-Z][a-z]+)?(?:'s|’s)?[ ](?:support|team|engineers?|staff|helpdesk|help desk|NOC|status page|account manager)(?-u:\b)"#.to_string()),
        // "Tern Logistics, our largest customer": a name and, after a comma, what it is to us
        (D::OrgAppositive, r#", our |, their |, a |, an |, the "#, r"(?P<name>\p{Lu}[\p{L}0-9&'’.-]*(?:[ ]\p{Lu}[\p{L}0-9&'’.-]*){0,4}),[ ](?:our|their|a|an|the)(?:[ ][a-z-]+){0,2}[ ](?:customer|client|supplier|vendor|partner|carrier|contractor|subcontractor|processor|acquirer|insurer|provider|distributor|wholesaler|manufacturer|lessor|integrator|bureau|broker|custodian|counterparty|merchant|retailer|shipper|forwarder|laboratory|lab|hospital|clinic|bank|airline|operator|handler|agent|reseller|landlord|tenant)s?(?-u:\b)".to_string()),
        (D::OrgCue, r#"(?i)vendor|supplier|provider|partner|contractor|carrier|lessor|integrator|manufacturer|oem|acquirer|processor|insurer|custodian|correspondent|counterparty|customer|client|merchant|shipper|consignee|lender|broker|operated by|supplied by|provided by|manufactured by|employed by|contracted by|chartered by|hosted by|serviced by|maintained by|built by|installed by|fitted by|calibrated by|audited by|owned by|leased by|insured by|technician from|engineer from|engineers from|rep from|representative from|auditor from|inspector from|guys from|folks from|people from|support from|team from|crew from"#, r#"(?i:(?P<cue>(?:[a-z]+_)?(?:vendor|supplier|provider|partner|contractor|carrier|lessor|integrator|manufacturer|oem|acquirer|processor|insurer|custodian|correspondent|counterparty|customer|client|merchant|shipper|consignee|lender|broker)s?|(?:operated|supplied|provided|manufactured|employed|contracted|chartered|hosted|serviced|maintained|built|installed|fitted|calibrated|audited|owned|leased|insured)[ \t]+by|(?:technician|engineers?|rep|representative|auditor|inspector|guys|folks|people|support|team|crew)[ \t]+from))(?P<sep>"?[ \t]*[:=][ \t]*"?|,[ \t]+|[ \t]+)(?P<name>\p{Lu}[\p{L}0-9&'’-]*(?:[ \t]+(?:\p{Lu}[\p{L}0-9&'’-]*|&)){0,4})"#.to_string()),
        // institutions named word-first in other languages: "Hospital Universitario La Ribera",
        // "Ospedale San Fedele", "Banco Mercantil del Norte", "Klinikum Nordstadt"
        // the cue after the name: "Vantage Parcel (contact: Hana Kobayashi)", "(Atlantic Ramp
        // Services, duty mgr Niamh Quinn)", "by the Conveyco contractor"
        (D::OrgCueAfter, "contact|attn|duty mgr|duty manager|account manager|contacto|contato|referente|Ansprechpartner|contractor|subcontractor|vendor|supplier|forwarder|integrator|courier|installer", r"(?P<name>\p{Lu}[\p{L}0-9&'’-]*(?:[ \t]+(?:\p{Lu}[\p{L}0-9&'’-]*|&)){0,4})(?:(?P<contact>[ \t]*\([ \t]*(?:contact|attn|duty mgr|duty manager|account manager|contacto|contato|referente|Ansprechpartner(?:in)?)|,[ \t]+(?:contact|attn|duty mgr|duty manager|account manager|contacto|contato|referente|Ansprechpartner(?:in)?))|[ \t]+(?:(?:maintenance|support|cleaning|catering|security|IT|software|network|field|service|logistics)[ \t]+)?(?:contractor|subcontractor|vendor|supplier|forwarder|integrator|courier|installer)s?)(?-u:\b)".to_string()),
        // a signature's job line names the employer after the title: "Megan O'Connor\nDirector
        // of Quality, Tallgrass Valve Company", "Engenharia de Confiabilidade – Papelisa"
        (D::SignatureOrg, SIGNATURE_ROLES, r"(?m)^[ \t]*(?:(?:Dr|Mr|Ms|Mrs|Prof|Ing|Capt)\.?[ \t]+)?(?P<person>\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|da|del|der|den|dos|le|la|al|el|bin|ter)){1,4})[ \t]*\r?\n[ \t]*(?P<title>[^\n,–—|]+?)[ \t]*(?:,|[ \t][–—|-])[ \t]*(?P<org>\p{Lu}[^\n,()<>@:;|]+?)[ \t]*\.?\r?$".to_string()),
        (D::OrgPrefix, ORG_PREFIX_TRIGGER, format!(r"(?-u:\b)(?P<p>{org_prefixes})(?P<rest>(?:[ \t]+(?:(?:[dl]['’])?\p{{Lu}}[\p{{L}}'’-]+|(?:della|del|des|dos|das|de|di|da|do|du|la|le|el|y|e|am|an|im|zum|zur|der|von|van|aan|op|och|i)(?-u:\b))){{1,5}})")),
        // firms named for their founders: "Whitcombe & Hale", "Lindqvist & Sons"
        (D::OrgAmp, r#" & "#, r"(?P<a>\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+)?)[ \t]+&[ \t]+(?P<b>\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:Sons|Co\.|Co|Partners|Associates|Daughters|Brothers|Bros\.))?)".to_string()),
        // airlines named "Air <name>": "Air Lumière"
        (D::OrgAir, r#"Air "#, r"(?-u:\b)Air[ \t]+(?P<n>\p{Lu}[\p{L}'’-]+)".to_string()),
        // names in Hangul or Han characters inside a text in another script: "윤해원 (Yoon)"
        (D::CjkName, r#"[\p{Hangul}\p{Han}]"#, r"[\p{Hangul}\p{Han}]{2,4}".to_string()),
        (D::OrgNoun, ORG_NOUN_TRIGGER, format!(r"(?P<name>\p{{Lu}}[\p{{L}}0-9&'’.-]*(?:[ \t]+(?:\p{{Lu}}[\p{{L}}0-9&'’.-]*|&)){{0,4}})[ \t]+(?P<sfx>{})(?-u:\b)", ORG_NOUNS.iter().map(|(w, _)| *w).collect::<Vec<_>>().join("|"))),
        (D::Codename, r#"(?i)project|codename|code[- ]name|operation|initiative"#, r"(?-u:\b)(?:[Pp]roject|[Cc]odename|[Cc]ode[- ]name|[Oo]peration|[Ii]nitiative)[ \t]+[\x22“']?(\p{Lu}[\p{L}0-9-]+)".to_string()),
        (D::ChatLabel, r#":[ \t]"#, r"(?m)^[ \t>*-]*(?P<ts>(?:#?[a-z][a-z0-9_-]*[ \t]+[·|][ \t]+)?\[?\(?(?:[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]|[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4},?[ ])?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:[ ]?[AaPp][Mm])?(?:[ ]?(?:UTC|Z))?\]?\)?[ \t]*(?:[-·|][ \t]*)?)?(?P<open><|\*\*|\[)?@?(?P<name>[\p{L}][\p{L}\p{M}0-9._-]*(?:[ ](?:[\p{Lu}][\p{L}'-]+|van|von|de|der|den|da|dos|del|la|le|bin|binti|ní|nic|mac|\p{Ll}[\p{Ll}'-]+|\p{Lo}[\p{Lo}\p{M}]*)){0,3})(?P<close>>|\*\*|\])?(?:[ \t]*\(?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:[ ]?[AaPp][Mm])?\)?)?[ \t]*:[ \t]".to_string()),
        // a speaker's name alone on a line with the time of the message, as chat clients copy
        // it: "Jasur 11:47 PM", "caoimhin_os — Today at 21:07", "Ana Lima  03/14/2025 9:12 PM"
        (D::ChatHeader, r#"(?m)[0-9]:[0-9]{2}(?:[ ]?[AaPp][Mm])?[ \t]*\r?$"#, r"(?m)^[ \t]*(?P<name>[\p{L}][\p{L}0-9._'’-]*(?:[ ][\p{L}][\p{L}0-9._'’-]*){0,2})[ \t]+(?P<sep>(?:—|–|-|·)[ \t]*)?(?P<day>(?:Today|Yesterday)[ \t]+at[ \t]+|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4},?[ \t]+)?[0-9]{1,2}:[0-9]{2}(?:[ ]?[AaPp][Mm])?[ \t]*\r?$".to_string()),
        // a name in a list of people already found: "[PERSON-2], Pham Van Long, [PERSON-3]",
        // "Attendees: Ho Ka-man, [PERSON-1]" (a later scrub of the output sees the placeholders)
        (D::PersonList, r#"\[PERSON-[0-9]+\]"#, r"(?m)(?:\[PERSON-[0-9]+\](?:[ ]\([^)\n]{1,30}\))?,[ ]+(?P<a>\p{Lu}[\p{L}'’-]*(?:[ ](?:\p{Lu}[\p{L}'’-]*|van|de|da|bin|le|la|ní)){0,3})(?P<after>,|[ ]\(|[ ]and[ ]|[ \t]*\r?$))|(?:(?:^|:)[ ]*|,[ ]+)(?P<b>\p{Lu}[\p{L}'’-]*(?:[ ](?:\p{Lu}[\p{L}'’-]*|van|de|da|bin|le|la|ní)){0,3})(?:[ ]\([^)\n]{1,30}\))?,[ ]+\[PERSON-[0-9]+\]".to_string()),
        // where a person already found works: "[PERSON-5] from Nimbusly" (a later scrub)
        (D::OrgOfPerson, r#"\[PERSON-[0-9]+\] (?:from|at|of) \p{Lu}"#, r"\[PERSON-[0-9]+\](?P<rest> (?:from|at|of) \p{Lu})".to_string()),
        // exported chat: "deniz.k 10:14 ADT feed stopped", "hyunwoo 22:51  push fanout stuck",
        // and Slack's copy, where the message follows on the next line ("rustam.nazarov  9:50 AM")
        // "[08:31] 王建国：…": a Chinese name speaking in a timestamped chat line
        (D::HanSpeaker, r#"："#, r"(?m)^[ \t]*\[?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\]?[ \t]*(?P<name>\p{Han}{2,3})[ \t]*：".to_string()),
        (D::TimedSpeaker, r#"[a-z0-9][ \t]+\[?[0-9]{1,2}:[0-9]{2}"#, r"(?m)^[ \t]*(?P<name>[a-z][a-z0-9._-]{1,30})[ \t]+\[?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:[ ]?[AaPp][Mm])?\]?(?:[ \t]+[^ \t\r\n]|[ \t]*\r?$)".to_string()),
        (D::IrcLabel, r#"(?m)^[ \t]*(?:\[?[0-9][0-9:., TUCZ-]*\]?[ \t]*)?<[ @+]?[\p{L}0-9_.-]+>[ \t]"#, r"(?m)^[ \t]*(?P<ts>\[?(?:[0-9]{4}-[0-9]{2}-[0-9]{2}[ T])?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,6})?)?(?:[ ]?(?:UTC|Z))?\]?[ \t]*)?(?P<open><)[ @+]?(?P<name>[\p{L}][\p{L}0-9._-]*)(?P<close>>)[ \t]".to_string()),
        (D::Hl7Pid, r#"PID\|"#, r"(?m)(?:^|[\r\n\s])PID\|[^\r\n]*".to_string()),
        // staff in HL7 segments other than PID: attending doctor, ordering provider, author
        // ("PV1|1|I|W7^12^B||||DRM7731^MATAELE^ROSA"): ID^FAMILY^GIVEN
        (D::Hl7Staff, r#"(?:PV1|PV2|ORC|OBR|PD1|ROL|PRT|TXA)\|"#, r"(?m)(?:^|[\r\n\s])(?:PV1|PV2|ORC|OBR|PD1|ROL|PRT|TXA)\|[^\r\n]*".to_string()),
        (D::Hl7Msh, r#"MSH\|"#, r"MSH\|[^|\r\n]{0,8}\|[^|\r\n]*\|(?P<f1>[^|\r\n^]+)(?:[^|\r\n]*\|[^|\r\n]*\|(?P<f2>[^|\r\n^]+))?".to_string()),
        (D::PersonPn, r#"[A-Za-z]\^[A-Za-z]"#, r"(?-u:\b)[A-Z][A-Za-z'-]+\^[A-Z][A-Za-z'-]+(?:\^[A-Za-z'.-]*)?(?:\^[A-Za-z'.-]+)?".to_string()),
        (D::OrgKv, r#"(?i)(?:facility|site|merchant|client|customer|tenant|company|organi[sz]ation|employer|vendor|supplier|counterparty|hospital|airline|carrier|payee|beneficiary|payer|payor|insurer|operador|exploitant|betreiber)(?:_name)?["']?[ \t]*[:=]"#, r#"(?i)(?-u:\b)(?:[a-z0-9]+_)*(?P<key>facility|site|merchant|client|customer|tenant|company|organi[sz]ation|employer|vendor|supplier|counterparty|hospital|airline|carrier|payee|beneficiary|payer|payor|insurer|operador|exploitant|betreiber)(?:_name)?["']?[ \t]*[:=][ \t]*(?:"(?P<q>[^"\r\n]{2,80})"|'(?P<s>[^'\r\n]{2,80})'|(?P<bare>\p{L}[\p{L}0-9_.&-]{2,60}))"#.to_string()),
        (D::Bic, r#"BIC|SWIFT"#, r"(?-u:\b)(?:BIC|SWIFT)(?:[ \t]+code)?[ \t]*[:=]?[ \t]*(?P<v>[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)(?-u:\b)".to_string()),
        (D::TodoOwner, r#"(?:TODO|FIXME|XXX|HACK)\("#, r"(?-u:\b)(?:TODO|FIXME|XXX|HACK)\((?P<u>[A-Za-z][A-Za-z0-9._@-]{1,40})\)".to_string()),
        (D::ClfUser, r#"[0-9]/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/[0-9]{4}:"#, r"(?m)^[0-9A-Fa-f.:]+[ \t]+\S+[ \t]+(?P<u>[A-Za-z][A-Za-z0-9._@-]{1,63})[ \t]+\[[0-9]{1,2}/".to_string()),
        (D::CapsTitled, r#"CAPT|CPT|F/O|OFFICER|NURSE|SGT|INSPECTOR|(?:FO|DR|RN)\.?[ \t]|[A-Z]\.[ \t]?[A-Z]"#, r"(?-u:\b)(?:(?P<title>CAPT|CPT|CAPTAIN|F/O|FO|OFFICER|DR|RN|NURSE|SGT|INSPECTOR)\.?[ \t]+(?P<name>(?:[A-Z](?:\.[ \t]?|[ \t]))?[A-Z][A-Z'-]{2,}(?:[ \t]+[A-Z][A-Z'-]{2,})?)|(?P<iname>[A-Z]\.[ \t]?[A-Z][A-Z'-]{2,}(?:[ \t]+[A-Z][A-Z'-]{2,})?))(?-u:\b)".to_string()),
        (D::IdKv, r#"(?i)(?:id|no|num|number|record|mrn|badge|acct|witness|agent|meter)["']?[ \t]*[:=]"#, r#"(?i)(?-u:\b)(?:[a-z]+_)?(?P<key>cust(?:omer)?|driver|rider|patient|pt|user|member|employee|emp|staff|passenger|pax|client|subscriber|student|guest|holder|citizen|account|acct|badge|policy|loyalty|mrn|record|witness|agent|meter|courier|cashier|teller)[_ ]?(?:id|no|num|number)?["']?[ \t]*[:=][ \t]*["']?(?P<v>[A-Za-z0-9][A-Za-z0-9-]{3,40})(?-u:\b)"#.to_string()),
        (D::DateKv, r#"(?i)date[ \t]*[:=]|dob[ \t]*[:=]|birth[a-z_]*[ \t]*[:=]"#, r#"(?i)(?-u:\b)[a-z_]*(?:date|dob|birth[a-z_]*)[ \t]*[:=][ \t]*["']?(?P<v>(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))(?-u:\b)"#.to_string()),
        (D::MailName, r#"<[A-Za-z0-9._%+-]+@"#, r#"(?P<name>\p{Lu}[\p{L}'’.-]+(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]+|van|von|de|der|den|da|dos|del|la|le|ní|bin)){0,4})"?[ \t]*<[A-Za-z0-9._%+-]+@"#.to_string()),
        (D::SignedInitials, r#"(?i)sign-?off|signed|initials|checked by|verified by|approved by|reviewed by|witnessed by|performed by"#, r"(?m)(?i:sign-?off|signed(?:[ ]off)?(?:[ ]by)?|initials|checked[ ]by|verified[ ]by|approved[ ]by|reviewed[ ]by|witnessed[ ]by|performed[ ]by)[ \t]*:[ \t]*(?P<ini>\p{Lu}\.(?:[ -]?\p{Lu}[\p{Lu}'’]{0,2}\.){1,3}|\p{Lu}{2,3})[ \t]*(?:$|[,;)])".to_string()),
        (D::Honorific, r#"-(?:san|sama|kun|chan|sensei|senpai)|님|씨|さん|様"#, r"(?P<name>\p{Lu}\p{Ll}+)-(?:san|sama|kun|chan|sensei|senpai)(?-u:\b)|(?:^|[^\p{L}\p{N}])(?P<cjk>\p{Lu}\p{Ll}{2,12}|\p{Hangul}{2,4}|\p{Han}{1,4})[ ]?(?:님|씨|さん|様)".to_string()),
        (D::CodeNamespace, r#"[a-z]{2}\.[a-z][a-z0-9_]{2}|github\.com[/:]|gitlab\.com[/:]|bitbucket\.org[/:]|ghcr\.io/|quay\.io/|amazonaws\.com/|pkg\.dev/|/builds/|@[a-z0-9][a-z0-9_.-]{0,40}(?:/|%2[fF])"#, r#"(?-u:\b)(?:(?P<pkg>(?:com|org|net|io|nz\.co|co\.uk|co\.nz|com\.au|de|fr|nl|se|no|fi|dk|ch|at|be|es|it|pl|cz|hu|ie|jp|kr|in|br|mx|za|ng|ke|eu|us|uk|ca|au|nz|ru|ua|cn|sg|hk|tw|ph|vn|tr|il|ae|eg|gh|tz|ug|rw|lt|lv|ro|bg|gr|si|hr|rs|cl|uy|lk|pk|bd|kz|uz|az|fj)\.(?P<org>[a-z][a-z0-9_]{2,40})\.[a-z])|(?:(?:github\.com|gitlab\.com|bitbucket\.org|ghcr\.io|quay\.io)/|git@(?:github\.com|gitlab\.com|bitbucket\.org):)(?P<ns>[A-Za-z0-9][A-Za-z0-9_.-]{1,60})|(?:dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com|[a-z0-9-]+-docker\.pkg\.dev)/(?P<path>[A-Za-z0-9][A-Za-z0-9_.-]{1,60})/[A-Za-z0-9])|/builds/(?P<build>[A-Za-z0-9][A-Za-z0-9_.-]{1,60})/[A-Za-z0-9]|(?m:(?:^|[ \t"'`(=:/,\[])@(?P<scope>[a-z0-9][a-z0-9_.-]{1,40})(?:/|%2[fF])[a-z0-9])"#.to_string()),
        // .NET stack frames: the root namespace names the company ("at Cedarbrook.Scheduling.Api.Repo.Get(")
        (D::DotnetFrame, r#"at [A-Z][A-Za-z0-9]+\.[A-Z]"#, r"(?m)^[ \t]*at[ \t]+(?P<root>[A-Z][A-Za-z0-9]+)\.(?:[A-Z][A-Za-z0-9_]*\.)+[A-Za-z0-9_<>`]+\(".to_string()),
        // Windows accounts: "CEDARBROOK\mvunivalu"
        (D::WinDomainUser, r#"[A-Z0-9]\\[A-Za-z]"#, r"(?-u:\b)(?P<dom>[A-Z][A-Z0-9-]{1,14})\\(?P<u>[A-Za-z][A-Za-z0-9._-]{1,30})(?-u:\b)".to_string()),
        // "Account Domain: TAMARINDHP", "domain=NORTHWIND"
        (D::WinDomainKv, r#"(?i)domain[ \t]*[:=]"#, r"(?i:(?:account|user|logon|target|subject)?[ \t]*domain(?:[ \t]+name)?)[ \t]*[:=][ \t]*(?P<dom>[A-Z][A-Z0-9-]{1,14})(?-u:\b)".to_string()),
        (D::WinHost, r#"LAPTOP-|DESKTOP-|WORKSTATION-|MBP-|MBA-|iMac-|iPhone-|iPad-"#, r"(?-u:\b)(?:(?:LAPTOP|DESKTOP|WORKSTATION)-[A-Z0-9]{4,15}|(?:MBP|MBA|iMac|iPhone|iPad)-[A-Za-z][A-Za-z0-9-]{2,30})(?-u:\b)".to_string()),
        (D::XmlKv, r#"(?i)<(?:user|login|pass|pwd|secret|token|api|client)"#, r#"(?i)<(?P<tag>username|user|userid|login|password|passwd|pwd|secret|token|apikey|api_key|api-key|clientsecret|client_secret)>(?P<v>[^<\r\n]{3,200})</"#.to_string()),
        (D::KeyKv, r#"(?i)[a-z0-9][_.-]key"#, format!(r#"(?i){B}(?:[a-z0-9]+[_.-])+key["']?[ \t]*(?:[:=]|=>)[ \t]*["']?(?P<v>[A-Za-z0-9+/=_-]{{16,200}})"#)),
        (D::IbanCtx, r#"(?i)iban|acct|account"#, r"(?i)(?-u:\b)(?:iban|acct|account(?:[ _]?(?:no|number))?)[ \t]*[:=#]?[ \t]*(?P<v>[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)(?-u:\b)".to_string()),
        (D::PersonKv, r#"(?i)(?:oncall|on_call|on-call|owner|contact|maintainer|assignee|approver|reviewer|escalation|cardholder|card_holder|holder|(?:patient|pax|passenger|guest)(?:_?name)?|travell?er|requester|_by|full_?name|display_?name|first_?name|last_?name|given_?name|family_?name|surname|family|given|first|last|chair|chairperson|facilitator|scribe|note[ -]?taker|incident commander)["']?[ \t]*[:=]"#, r#"(?i)(?-u:\b)(?:[a-z]+_)?(?P<key>oncall|on_call|on-call|owner|contact|maintainer|assignee|approver|reviewer|escalation|cardholder|card_holder|holder|patient(?:_?name)?|pax(?:_?name)?|passenger(?:_?name)?|guest(?:_?name)?|travell?er|requester|chair|chairperson|facilitator|scribe|note[ -]?taker|incident commander|(?:authori[sz]ed|approved|signed|requested|performed|entered|verified|checked|released|acked|reviewed)_by|full_?name|display_?name|first_?name|last_?name|given_?name|family_?name|surname|family|given|first|last)["']?[ \t]*[:=][ \t]*\[?[ \t]*(?:"(?P<q>[^"\r\n]{3,60})"|'(?P<sq>[^'\r\n]{3,60})'|(?P<v>[^"'\r\n,;<]{3,60}))"#.to_string()),
        // who was there: "Present: Hope Adebayo, Summer Lindqvist, Grant Okoro; Dang Minh Khoa"
        (D::AttendeeLine, r#"(?i)present|attendees|participants|attendance|also|invitees|responders"#, r"(?mi)^[ \t>*#-]*(?:present|attendees|participants|attendance|in attendance|also present|also|invitees|responders)[ \t]*:[ \t]*(?P<v>[^\r\n]{3,600})$".to_string()),
        // "Surname, Given" alone in brackets, as records and lists write it: "(Huber, Walburga)",
        // "[team lead Quispe, Rosa]"
        // and after a key ("Responsible person: Lehmann, Kathrin (PERNR 00481177)"), and in
        // capitals as dispensing cabinets and rosters print them: "(HOLLOWAY, BRETT R)", "(NAIDOO, P)"
        (D::SurnameGiven, r#"(?m)\p{Ll}, \p{Lu}[\p{Ll}'’-]+(?:[)\];"',]| \(| \||  | &| [a-z_]+=|[ \t]*\r?$)|[A-Z'’-], [A-Z]"#, r#"(?m)(?:[(\[](?:[a-z]+[ ]){0,3}|:[ \t]+|=["']?|^[ \t]*"?|[ \t,]"|\|[ \t]+|(?-u:\b)(?:patient|customer|client|pax|member|employee)[ \t]+)(?:(?P<sn>\p{Lu}[\p{Ll}'’-]+(?:[ -]\p{Lu}[\p{Ll}'’-]+)?),[ ](?P<gn>\p{Lu}[\p{Ll}'’-]+)|(?P<csn>[A-Z][A-Z'’-]+),[ ](?P<cgn>[A-Z][A-Z'’-]*)(?:[ ](?P<ci>[A-Z]\.?))?)(?:[)\];"']|,[ ]|[ ]\(|[ ]\||[ ]{2}|[ ]&|[ ][a-z_]+=|[ \t]*\r?$)"#.to_string()),
        (D::HeaderNames, r#"(?m)^(?:To|Cc|Attn|Attention):"#, r"(?m)^(?:To|Cc|Attn|Attention):[ \t]*(?P<v>[^\r\n<@]{3,200})$".to_string()),
        (D::DottedName, r#"[a-z]\.[a-z]"#, r"(?-u:\b)[a-z][a-z'-]*(?:\.[a-z][a-z'-]*){1,2}(?-u:\b)".to_string()),
        (D::Salutation, r#"(?m),[ \t]*\r?$"#, r"(?m)^[ \t]*(?:(?:Hi|Hello|Hey|Dear|Hej|Hei|Hallo|Beste|Sæl|Sæll|Bonjour|Hola|Ciao|Olá|Oi|Salut|Morning|Good morning|Kia ora|Namaste|Merhaba|Ahoj|Cześć|Witam|Szia|Moi|Tere|Labas|Sveiki|Zdravo|Guten Tag|Servus|Moin|Selamat pagi|Halo)[ \t]+)?(?P<name>\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+)?)[ \t]*,[ \t]*\r?$".to_string()),
        (D::Handle, r#"@[A-Za-z]"#, r"(?:^|[^\w@./\]])@(?P<h>[A-Za-z][A-Za-z0-9._-]{0,37}[A-Za-z0-9])".to_string()),
        (D::SignOff, r#"(?m)^[ \t]*(?:Thanks|Thank you|Many thanks|Cheers|Regards|Best|Kind regards|Warm regards|Sincerely|Yours|Ta|BR|Salamat|Gracias|Saludos|Obrigad|Merci|Cordialement|Danke|Grüße|Gruß|Grazie|Saluti|Groeten|Met vriendelijke|Tack|Hälsningar|Takk|Mvh|Kiitos|Terveisin|Pozdrawiam|Dziękuję|Arigato|Ngā mihi|Mahalo|Asante|Shukran|Best wishes|All the best)"#, r"(?m)^[ \t]*(?:Thanks|Thank you|Many thanks|Cheers|Regards|Best|Best regards|Kind regards|Warm regards|Sincerely|Yours|Ta|BR|Salamat|Gracias|Saludos|Obrigad[oa]|Merci|Cordialement|Danke|Viele Grüße|Grüße|Gruß|Grazie|Saluti|Groeten|Met vriendelijke groet(?:en)?|Tack|Hälsningar|Takk|Mvh|Kiitos|Terveisin|Pozdrawiam|Dziękuję|Arigato|Ngā mihi|Mahalo|Asante|Shukran|Best wishes|All the best)[,!.]?[ \t]*(?:\r?\n[ \t]*)?(?P<name>\p{Lu}[\p{L}'-]+(?:[ \t]+\p{Lu}[\p{L}'-]+)?)[ \t]*\.?[ \t]*$".to_string()),
        (D::SignDash, r#"(?m)^[ \t]*(?:--|—|–|~)"#, r"(?m)^[ \t]*(?:--|—|–|~)[ \t]*(?P<name>\p{Lu}[\p{L}'-]+(?:[ \t]+\p{Lu}[\p{L}'-]+)?)[ \t]*$".to_string()),
    ]
}

/// With the `trace` feature and `SCRUB_TRACE` set: print every candidate with the detector
/// that made it (to stderr, text included). Without the feature it is always off, so the
/// registry, which builds the crate without it, can never write submission text this way.
#[cfg(feature = "trace")]
static TRACE: once_cell::sync::Lazy<bool> =
    once_cell::sync::Lazy::new(|| std::env::var_os("SCRUB_TRACE").is_some());

#[inline]
fn tracing() -> bool {
    #[cfg(feature = "trace")]
    {
        *TRACE
    }
    #[cfg(not(feature = "trace"))]
    {
        false
    }
}

static VENDOR_SET: once_cell::sync::Lazy<crate::names::FxSet<&'static str>> =
    once_cell::sync::Lazy::new(|| PUBLIC_VENDORS.iter().copied().collect());

/// The item `start..end` of a comma-separated list has two neighbouring items (the two before,
/// the two after, or one on each side) that are each a person placeholder alone.
fn in_list_of_people(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
    let before: Vec<&str> = text[line_start..start].split(", ").collect();
    let after: Vec<&str> = text[end..line_end].split(", ").collect();
    let person_alone = |item: &str| {
        // "Shift: [PERSON-2]", "[PERSON-1] (CTO)", "[PERSON-3] and"
        let item = item.rsplit(": ").next().unwrap_or(item).trim();
        let item = item.split(" (").next().unwrap_or(item);
        let item = item.strip_suffix(" and").unwrap_or(item).trim();
        // "Dr. [PERSON-3]", "Prof. [PERSON-1]"
        let item = match item.split_once(". ") {
            Some((title, rest)) if title.len() <= 5 && title.chars().all(char::is_alphabetic) => {
                rest
            }
            _ => item,
        };
        item.starts_with("[PERSON-")
            && item.ends_with(']')
            && item[8..item.len() - 1].bytes().all(|b| b.is_ascii_digit())
    };
    // the item itself is the last piece before and the first piece after: skip those
    let prev: Vec<bool> = before
        .iter()
        .rev()
        .skip(1)
        .take(2)
        .map(|i| person_alone(i))
        .collect();
    let next: Vec<bool> = after
        .iter()
        .skip(1)
        .take(2)
        .map(|i| person_alone(i))
        .collect();
    let p0 = prev.first().copied().unwrap_or(false);
    let p1 = prev.get(1).copied().unwrap_or(false);
    let n0 = next.first().copied().unwrap_or(false);
    let n1 = next.get(1).copied().unwrap_or(false);
    (p0 && p1) || (n0 && n1) || (p0 && n0)
}

/// Words that announce a flight number written with a space ("crew for BLU 902").
/// Words after a flight number written with a space ("KRW 204 diverted to ACC").
const FLIGHT_AFTER_CUES: &[&str] = &[
    // departure, arrival in Korean, Japanese, Chinese
    " 출발",
    " 도착",
    " 出発",
    " 到着",
    " 起飞",
    " 到达",
    " diverted",
    " divert",
    " delayed",
    " late",
    " landed",
    " departed",
    " returned to",
    " cancelled",
    " canceled",
    " pushback",
    " boarding",
    " rejected",
    " go-around",
    " went around",
    " squawk",
    " eta ",
    " etd ",
    // flight phases and radio calls
    " climbing",
    " descending",
    " cleared",
    " taxiing",
    " airborne",
    " lined up",
    " on approach",
    " established",
    " requesting",
    " declared",
    " declaring",
];

/// Kind-of-company nouns that name departments and functions as often ("Sterile Processing").
const FUNCTION_NOUNS: &[&str] = &[
    "Processing",
    "Safety",
    "Controls",
    "Integration",
    "Integrations",
    "Inspections",
    "Pathology",
    "Supply",
];

/// Technical terms ending in a function noun: "Uninterruptible Power Supply".
const TECHNICAL_COMPOUNDS: &[&str] = &[
    "Power Supply",
    "Water Supply",
    "Fuel Supply",
    "Air Supply",
    "Data Processing",
    "Signal Processing",
    "Batch Processing",
    "Stream Processing",
    "Flight Controls",
    "Access Controls",
    "Security Controls",
    "Continuous Integration",
    "Functional Safety",
    "Process Safety",
];

/// Words right before a company's name that say it is one ("contractor Keystone Rack Safety").
const COMPANY_CUES: &[&str] = &[
    "contractor",
    "subcontractor",
    "supplier",
    "vendor",
    "integrator",
    "provider",
    "firm",
    "company",
    "partner",
    "inspector",
    "charity",
    "client",
    "customer",
    "fund",
    "proveedor",
    "fornecedor",
    "fornitore",
    "fournisseur",
    "lieferant",
    "leverancier",
    "dostawca",
    "tedarikçi",
];

/// Right after a flight number on its line, an aircraft's registration or a route: "SHA 771
/// (B787-9, A7-SHN)", "TRV 6021 naar PMI, PH-TRK", "BRZ 1402 (EGLL-LIRF)".
fn tail_or_route_follows(after: &str) -> bool {
    let line = after.split('\n').next().unwrap_or("");
    let mut end = line.len().min(60);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end]
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .any(|word| {
            let Some((a, b)) = word.split_once('-') else {
                return false;
            };
            let letters = |w: &str| w.bytes().filter(u8::is_ascii_uppercase).count();
            let caps_or_digits = |w: &str| {
                w.bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            };
            let registration = (1..=2).contains(&a.len())
                && letters(a) >= 1
                && (3..=5).contains(&b.len())
                && letters(b) >= 2;
            let route = (3..=4).contains(&a.len())
                && a.len() == b.len()
                && letters(a) == a.len()
                && letters(b) == b.len();
            caps_or_digits(a) && caps_or_digits(b) && (registration || route)
        })
}

/// Chinese, Japanese and Korean labels of fields that a person's name follows ("负责人：王磊",
/// "作成者: 田中", "검토: 이준호").
pub(crate) const CJK_ROLE_LABELS: &[&str] = &[
    "发件人",
    "收件人",
    "抄送",
    "负责人",
    "记录",
    "记录人",
    "报告人",
    "联系人",
    "值班",
    "审核",
    "批准",
    "处理人",
    "作者",
    "担当",
    "担当者",
    "報告者",
    "作成者",
    "作成",
    "記録",
    "差出人",
    "宛先",
    "承認",
    "確認",
    "レビュー",
    "レビュアー",
    "当事者",
    "発見者",
    "患者",
    "氏名",
    "姓名",
    "確認者",
    "責任者",
    "작성",
    "작성자",
    "검토",
    "검토자",
    "담당",
    "담당자",
    "보고자",
    "발신",
    "수신",
    "승인",
    "확인",
];

/// Endings of Chinese and Japanese titles, roles and departments written before a name
/// ("機長 中村 大輔", "值班工程师 王磊", "品質保証課 山田 浩二", "患者 张伟").
pub(crate) const CJK_TITLE_ENDINGS: &[&str] = &[
    "长", "長", "士", "员", "員", "师", "師", "者", "人", "课", "課", "部", "组", "組", "科",
    "代表", "经理", "經理", "主任", "主管", "技術", "担当", "通知", "医生", "护士",
];

/// Titles written after a Chinese or Japanese name ("山本 部長", "田村 課長", "王 经理").
pub(crate) const CJK_TITLES_AFTER: &[&str] = &[
    "部長",
    "課長",
    "係長",
    "社長",
    "次長",
    "所長",
    "工場長",
    "室長",
    "院長",
    "主任",
    "先生",
    "教授",
    "医生",
    "经理",
    "經理",
    "主管",
    "总监",
    "工程师",
];

/// Last words of Chinese, Japanese and Korean company names ([`D::OrgCjkSuffix`]).
const CJK_ORG_SUFFIXES: &[&str] = &[
    "거래소",
    "交易所",
    "取引所",
    "오토메이션",
    "테크",
    "솔루션",
    "시스템즈",
    "정밀",
    "중공업",
    "로지스틱스",
    "항공기술",
    "技研",
    "精機",
    "重工",
    "工務店",
    "商贸",
    "实业",
    "病院",
    "医院",
    "醫院",
    "大学病院",
    "大學",
    "大学",
    "銀行",
    "银行",
    "航空",
    "科技",
    "电子",
    "電子",
    "集团",
    "集團",
    "書房",
    "商事",
    "工業",
    "工业",
    "製作所",
    "物産",
    "電機",
    "电机",
    "自動車",
    "汽车",
    "エアライン",
    "ホールディングス",
    "병원",
    "대학교병원",
    "대학교",
    "은행",
    "항공",
    "전자",
    "페이",
    "증권",
    "보험",
    "保险",
    "保険",
    "证券",
    "證券",
    "物流",
    "運輸",
    "运输",
    "食品",
    "製薬",
    "制药",
    "药业",
    "藥業",
];

/// Words before such a last word that name no company: "this", "the said", "our", "each",
/// "general", "university" ("本病院", "该医院", "综合医院", "우리 병원").
const CJK_ORG_GENERIC_HEADS: &[&str] = &[
    "本",
    "该",
    "該",
    "当",
    "當",
    "我们",
    "我們",
    "贵",
    "貴",
    "同",
    "各",
    "大学",
    "大學",
    "総合",
    "综合",
    "綜合",
    "市立",
    "県立",
    "国立",
    "國立",
    "人民",
    "中心",
    "우리",
    "해당",
    "저희",
    "각",
    "대학",
    "대학교",
    "종합",
    "지역",
    "전문",
];

/// Nouns that open an organisation's name ("Klinikum Nordstadt", "Banco Mercantil"), as the
/// trigger of [`D::OrgPrefix`] (each with its space).
pub(crate) const ORG_PREFIX_TRIGGER: &str = "Ngân hàng |Công ty |Tập đoàn |Zorggroep |Stichting |Fundición |Forjas |CHRU |CHU |Huisartsenpraktijk |Tandartspraktijk |Zahnarztpraxis |Dierenkliniek |Boulangerie |Zahanati ya |Hospitali ya |Przychodnia |Supermercado |Restaurante |Ristorante |Fromagerie |Ziekenhuis |Ferramenta |Autopartes |Caseificio |Ferretería |Cooperativa |Brasserie |Papeterie |Spedition |Panadería |Piekarnia |Studio Legale |Laiterie |Brauerei |Apotheke |Farmacia |Farmácia |Pharmacie |Molkerei |Bäckerei |Druckerei |Autohaus |Cartiera |Fábrica |Apteka |Hospital |Hôpital |Ospedale |Clínica |Clinica |Clinique |Klinikum |Krankenhaus |Banco |Banca |Banque |Caixa |Caja |SCI |Presidio Ospedaliero |Caisse |Mutuelle |Coopérative |Coöperatie |Sparkasse |Volksbank |Raiffeisenbank |ASL |Azienda |Grupo |Gruppo |Groupe |Compañía |Companhia |Compagnie |Laboratorios |Laboratório |Aeropuerto |Aeroporto |Aéroport |Universidad |Università |Université |Universität |Stadtwerke |Centre Hospitalier |Fundación |Fundação |Fondazione |Instituto |Istituto |Institut |Bệnh viện |Rumah Sakit |Szpital |Talleres |Transportes |Construcciones |Distribuidora |Supermercados ";

/// The nouns of [`ORG_PREFIX_TRIGGER`], lowercase: a kind of firm, not a firm ("Banco" of
/// "Banco Serrano"), nor a person's name.
pub(crate) static ORG_PREFIX_WORDS: once_cell::sync::Lazy<crate::names::FxSet<String>> =
    once_cell::sync::Lazy::new(|| {
        ORG_PREFIX_TRIGGER
            .split('|')
            .map(|p| p.trim_end().to_lowercase())
            .collect()
    });

/// Words of job titles in signatures ([`D::SignatureOrg`]); also its trigger.
const SIGNATURE_ROLES: &str = "Director|Directora|Diretor|Diretora|Directeur|Directrice|Direktor|Lead|Manager|Head|Officer|Consultant|Specialist|Analyst|Coordinator|Supervisor|Engineer|Engenharia|Engenheiro|Engenheira|Ingeniero|Ingeniera|Ingénieur|Ingenieur|Leiter|Leiterin|Responsable|Gerente|Jefe|Jefa|Chef|Administrator|Radiologist|Physician|Pharmacist|Controller|Inspector|Auditor|Architect|President|Founder|CEO|CTO|CFO|COO|CIO|CISO|VP|Quality|Operations|Maintenance|Superintendent|Captain|Nurse|Matron|Registrar|Surgeon|Technologist|Geneesheer|Teamleider|Kierownik|Dyrektor|Responsabile|Direttore|Müdür|Sorumlu";

/// The most common Chinese family names, one character each.
const CHINESE_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤陳張劉楊黃趙吳許葉蘇呂鍾譚陸賈鄒閆龍賀顧龔錢";

/// A Han character, kana or the iteration mark 々: the letters of a Chinese or Japanese name.
fn han_or_kana(ch: char) -> bool {
    matches!(ch as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3040..=0x30FF | 0x3005)
}

/// Where a Chinese or Japanese name that ends at `end` ends with its given name: a surname of
/// one to three characters, one space, a given name of one to three Han or kana characters,
/// then punctuation or the end of the line ("中村 大輔、", "藤田 翔)"); `end` if there is none.
fn cjk_given_name_end(text: &str, end: usize, surname: &str) -> usize {
    if surname.chars().count() > 3 || !surname.chars().all(han_or_kana) {
        return end;
    }
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return end;
    };
    let given: usize = rest
        .chars()
        .take_while(|&ch| han_or_kana(ch))
        .map(char::len_utf8)
        .sum();
    let n = rest[..given].chars().count();
    let after = rest[given..].chars().next();
    // (or a space and a particle: "中村 大輔 は")
    let after_blank = rest[given..].strip_prefix(' ');
    let particle = after_blank
        .and_then(|r| r.chars().next())
        .is_some_and(|ch| matches!(ch as u32, 0x3040..=0x309F));
    // (or a space and a mark or an honorific: "佐藤 美咲 / …", "高橋 大輔 <…>", "田中 一郎 様")
    let blank_then_end = after_blank.is_some_and(|r| {
        r.chars().next().is_none_or(|ch| !ch.is_alphanumeric())
            || ["様", "さん", "氏", "殿", "님", "씨"]
                .iter()
                .any(|h| r.starts_with(h))
    });
    if (1..=3).contains(&n)
        && (after.is_none_or(|ch| !ch.is_alphanumeric() && ch != ' ') || particle || blank_then_end)
        && !CJK_FIELD_LABELS.contains(&&rest[..given])
        && !CJK_ROLE_LABELS.contains(&&rest[..given])
        && !CJK_TITLES_AFTER.contains(&&rest[..given])
        && !HONORIFIC_ROLES.contains(&&rest[..given])
    {
        end + 1 + given
    } else {
        end
    }
}

/// Chinese, Japanese and Korean labels of fields that hold no name ("日期：", "件名:").
pub(crate) const CJK_FIELD_LABELS: &[&str] = &[
    "主题",
    "日期",
    "时间",
    "地点",
    "原因",
    "影响",
    "处理",
    "结论",
    "经过",
    "概要",
    "措施",
    "电话",
    "地址",
    "部门",
    "备注",
    "件名",
    "電話",
    "住所",
    "部署",
    "備考",
    "전화",
    "주소",
    "부서",
    "비고",
    "日時",
    "場所",
    "対応",
    "影響",
    "結論",
    "経緯",
    "제목",
    "일시",
    "원인",
    "조치",
    "영향",
    "결론",
    "요약",
    "기관",
    "장소",
    "日付",
    "送信日時",
    "本文",
    "날짜",
];

/// Korean and Japanese roles and groups addressed with an honorific ("고객님" the customer,
/// "皆さん" everyone, "店長さん" the store manager): no names.
pub(crate) const HONORIFIC_ROLES: &[&str] = &[
    "고객",
    "선생",
    "팀장",
    "부장",
    "과장",
    "차장",
    "사장",
    "대표",
    "실장",
    "이사",
    "매니저",
    "담당자",
    "기사",
    "회원",
    "관리자",
    "엔지니어",
    "개발자",
    "교수",
    "원장",
    "간호사",
    "환자",
    "여러분",
    "사용자",
    "본부장",
    "센터장",
    "파트장",
    "책임",
    "선임",
    "수석",
    "의사",
    "기장",
    "부기장",
    "皆",
    "店長",
    "運転手",
    "看護師",
    "部長",
    "課長",
    "社長",
    "係長",
    "担当者",
    "担当",
    "医師",
    "患者",
    "客",
    "先生",
    "業者",
    "利用者",
    "機長",
    "副操縦士",
    "整備士",
];

const FLIGHT_CUES: &[&str] = &[
    "flight",
    "flt",
    // flight in Portuguese, Spanish, French, German, Italian, Polish, Dutch
    "voo ",
    "vuelo ",
    "vol ",
    "flug ",
    "volo ",
    "lot ",
    "lot:",
    "vlucht ",
    "flyging",
    "uçuş",
    "lennot",
    "lennon",
    // Indonesian, Turkish, Japanese, Chinese, Korean
    "penerbangan",
    "sefer",
    "便",
    "航班",
    "편",
    "crew",
    "callsign",
    "call sign",
    "pairing",
    "operating",
    "inbound",
    "outbound",
    "divert",
    "delay",
    "cancel",
    "departure",
    "arrival",
    "rotation",
    "sector",
];

/// Made of English words: "time"+"out", "install"+"er", "check-in".
fn english_compound(l: &str) -> bool {
    let word = |w: &str| person::is_english_word(w) || is_common_word(w);
    if l.contains(['-', '_', '.']) {
        return l
            .split(['-', '_', '.'])
            .all(|p| p.is_empty() || word(p) || p.len() <= 2);
    }
    const TAILS: &[&str] = &[
        "er", "ers", "ed", "ing", "s", "es", "out", "in", "up", "off", "able",
    ];
    (3..l.len().saturating_sub(1)).any(|k| {
        l.is_char_boundary(k) && word(&l[..k]) && (word(&l[k..]) || TAILS.contains(&&l[k..]))
    })
}

/// The word at `at` ends a component's name joined by '-' or '.' to a word of three letters or
/// more: "opcua-client", "payment.provider" (not "X-Client").
fn component_suffix(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(head) = before.strip_suffix(['-', '.']) else {
        return false;
    };
    head.bytes()
        .rev()
        .take_while(u8::is_ascii_alphanumeric)
        .count()
        >= 3
}

/// "aws_secret_access_key", "client_secret": a snake_case name of a credential, not its value.
fn is_credential_name(v: &str) -> bool {
    let parts: Vec<&str> = v.split('_').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.iter().any(|p| {
            matches!(
                *p,
                "key" | "secret" | "token" | "password" | "passwd" | "credential" | "credentials"
            )
        })
}

/// A person found by a structural pattern (no document facts: the form is not how the name
/// appears in prose).
fn push_person_span(text: &str, s: usize, e: usize, out: &mut Vec<Cand>) {
    if let Some(name) = text.get(s..e) {
        out.push(Cand::new(s, e, Kind::Person).key(normalise_key(Kind::Person, name)));
    }
}

/// Move candidates found in a region to the offsets of the whole text.
fn shift(cands: &mut [Cand], offset: usize) {
    if offset > 0 {
        for c in cands {
            c.start += offset;
            c.end += offset;
        }
    }
}

/// Detectors whose trigger may occur on another line than their match (the trigger is only
/// a document-level condition), so they always look at the whole text when they fire; a
/// callsign a controller called is found again on every line that mentions it.
const NOT_LINE_LOCAL: &[D] = &[D::IdKv, D::Ipv6, D::Entropy, D::AtcCallsign];

/// Either of two iterators over the same items.
pub(crate) enum Either<A, B> {
    Left(A),
    Right(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for Either<A, B> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        match self {
            Either::Left(a) => a.next(),
            Either::Right(b) => b.next(),
        }
    }
}

/// The word before `at` (past blanks and a comma) says a company follows: "the supplier",
/// "the charity".
fn company_cue_before(text: &str, at: usize) -> bool {
    let prev = text[..at]
        .trim_end_matches([' ', '\t', ','])
        .rsplit(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    COMPANY_CUES.contains(&prev.as_str())
}

/// An aircraft's 24-bit transponder address as decoders print it: six hex digits, at least one
/// a digit (not a word of hex letters, "facade"), in one case throughout.
pub(crate) fn transponder_address(v: &str) -> bool {
    v.len() == 6
        && v.bytes().all(|b| b.is_ascii_hexdigit())
        && v.bytes().any(|b| b.is_ascii_digit())
        && (v.bytes().all(|b| !b.is_ascii_lowercase())
            || v.bytes().all(|b| !b.is_ascii_uppercase()))
}

/// The span of a repository address written without a scheme ("github.com/owner/repo.git",
/// "git@github.com:owner/repo.git") whose owner `ns` is: the site's name (with the login of
/// an SSH remote), the owner and the repository. `None` on an image registry, after a scheme
/// (the URL detector reads those), or where the site's name is part of a longer host.
fn schemeless_repo_url(text: &str, ns: regex::Match<'_>) -> Option<(usize, usize)> {
    let before = &text[..ns.start()];
    let site = [
        "github.com/",
        "gitlab.com/",
        "bitbucket.org/",
        "git@github.com:",
        "git@gitlab.com:",
        "git@bitbucket.org:",
    ]
    .into_iter()
    .find(|site| before.ends_with(site))?;
    let mut start = ns.start() - site.len();
    // "ssh://git@github.com/owner/repo": the scheme and login of a remote are part of it
    if text[..start].ends_with("ssh://git@") {
        start -= "ssh://git@".len();
    }
    let prev = text[..start].chars().next_back();
    // a module path in a file path ("/go/src/github.com/owner/…") is one, a URL with a scheme
    // is the URL detector's
    if prev.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '.' | '-' | '@' | '_'))
        || text[..start].ends_with("://")
    {
        return None;
    }
    // the owner and the repository: the package path after them ("/internal/router") and a
    // file name in a stack trace are technical
    let mut end = ns.end();
    if let Some(repo) = text[end..].strip_prefix('/') {
        let repo_len = repo
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.')))
            .unwrap_or(repo.len());
        let name = repo[..repo_len].trim_end_matches('.');
        if !name.is_empty() {
            end += 1 + name.len();
        }
    }
    Some((start, end))
}

/// The matches of `re` in `text`, or with `within` only those inside those byte ranges (whole
/// lines, in order), searched with the whole text before them as context: the matches that
/// iterating over the whole text finds there, when no match crosses a line.
pub(crate) fn captures<'r, 't>(
    re: &'r Regex,
    text: &'t str,
    within: Option<&[(usize, usize)]>,
) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
    match within {
        None => Either::Left(re.captures_iter(text)),
        Some(spans) => {
            Either::Right(search_within(re, text, spans, Regex::captures_at).into_iter())
        }
    }
}

/// [`captures`] without the groups.
pub(crate) fn finds<'r, 't>(
    re: &'r Regex,
    text: &'t str,
    within: Option<&[(usize, usize)]>,
) -> impl Iterator<Item = regex::Match<'t>> + use<'r, 't> {
    match within {
        None => Either::Left(re.find_iter(text)),
        Some(spans) => Either::Right(search_within(re, text, spans, Regex::find_at).into_iter()),
    }
}

/// Every match inside `spans`, as `Regex::find_iter` steps: from the end of each match, and an
/// empty match right where the previous one ended is skipped.
fn search_within<'t, M>(
    re: &Regex,
    text: &'t str,
    spans: &[(usize, usize)],
    search_at: impl Fn(&Regex, &'t str, usize) -> Option<M>,
) -> Vec<M>
where
    M: MatchBounds,
{
    let mut found = Vec::new();
    for &(a, z) in spans {
        // the haystack ends with the span: a match cannot run past its last line break
        let Some(hay) = text.get(..z) else { continue };
        let mut pos = a;
        let mut last_end: Option<usize> = None;
        while pos <= hay.len() {
            let Some(m) = search_at(re, hay, pos) else {
                break;
            };
            let (s, e) = m.bounds();
            if s == e && last_end == Some(e) {
                pos = e + hay
                    .get(e..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8);
                continue;
            }
            pos = e;
            last_end = Some(e);
            found.push(m);
        }
    }
    found
}

/// `other` is a sibling of the host segment `seed` ("04" of "01", "b" of "a", "vmss00000c"
/// of "vmss00000b"): the same letters first, then the same kind of remainder.
fn same_segment_shape(seed: &str, other: &str) -> bool {
    if seed == other || other.is_empty() || !other.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let alpha = |s: &str| s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (pa, pb) = (alpha(seed), alpha(other));
    if seed.len() == 1 {
        // a single letter: another single letter of the same case
        return other.len() == 1
            && other.bytes().all(|b| b.is_ascii_alphabetic())
            && seed.bytes().all(|b| b.is_ascii_lowercase())
                == other.bytes().all(|b| b.is_ascii_lowercase());
    }
    if !seed[..pa].eq_ignore_ascii_case(&other[..pb]) {
        return false;
    }
    let (ra, rb) = (&seed[pa..], &other[pb..]);
    if ra.is_empty() || rb.is_empty() {
        return false;
    }
    if ra.bytes().all(|b| b.is_ascii_digit()) {
        return rb.bytes().all(|b| b.is_ascii_digit()) && ra.len().abs_diff(rb.len()) <= 1;
    }
    let upper = |s: &str| s.bytes().any(|b| b.is_ascii_uppercase());
    rb.len() == ra.len() && rb.bytes().any(|b| b.is_ascii_digit()) && upper(ra) == upper(rb)
}

/// Start and end of a match or of its captures' whole match.
pub(crate) trait MatchBounds {
    fn bounds(&self) -> (usize, usize);
}

impl MatchBounds for regex::Match<'_> {
    fn bounds(&self) -> (usize, usize) {
        (self.start(), self.end())
    }
}

impl MatchBounds for Captures<'_> {
    fn bounds(&self) -> (usize, usize) {
        self.get(0).map_or((0, 0), |m| (m.start(), m.end()))
    }
}

pub(crate) struct Detectors {
    /// Detector regexes, compiled on first use: building a `Scrubber` stays cheap and a
    /// detector whose trigger never fires never pays for its (often Unicode-heavy) pattern.
    res: Vec<(D, String, std::sync::OnceLock<Option<Regex>>)>,
    /// The trigger prefilter: which detectors fire, and on which lines.
    triggers: Triggers,
    /// Line-local detectors run on their trigger's lines only (off: on the whole text, the
    /// reference the tests compare against).
    line_scoped: bool,
    placeholder: Option<Regex>,
    /// Eponyms and named methods of the trades ("Monte Carlo", "Basel III", "Dijkstra"):
    /// technical facts, never people or organisations.
    domain_terms: Option<aho_corasick::AhoCorasick>,
    aviation: Option<Regex>,
    version_before: Option<Regex>,
    pub(crate) vocab: &'static Vocabulary,
}

impl std::fmt::Debug for Detectors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Detectors")
            .field("patterns", &self.res.len())
            .finish()
    }
}

fn compile(p: &str) -> Option<Regex> {
    // a roomier lazy-DFA cache: Unicode classes make many states, and a cache that fills up
    // is cleared and rebuilt over and over
    match regex::RegexBuilder::new(p).dfa_size_limit(8 << 20).build() {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("scrubber: pattern failed to compile, detector disabled: {e}");
            None
        }
    }
}

impl Detectors {
    pub(crate) fn new() -> Detectors {
        let pats = patterns();
        let res: Vec<(D, String, std::sync::OnceLock<Option<Regex>>)> = pats
            .iter()
            .map(|(d, _, p)| (*d, p.clone(), std::sync::OnceLock::new()))
            .collect();
        let triggers: Vec<&str> = pats.iter().map(|(_, t, _)| *t).collect();
        let line_local: Vec<bool> = pats
            .iter()
            .map(|(d, t, p)| {
                !NOT_LINE_LOCAL.contains(d)
                    && triggers::never_crosses_lines(t)
                    && triggers::never_crosses_lines(p)
            })
            .collect();
        // detectors that find nothing outside an aviation text: their triggers are read only
        // in one
        let aviation_only: Vec<bool> = pats
            .iter()
            .map(|(d, _, _)| {
                matches!(
                    d,
                    D::FlightIata
                        | D::FlightIcao
                        | D::Callsign
                        | D::AircraftOther
                        | D::TransponderHex
                        | D::AtcCallsign
                        | D::PnrName
                )
            })
            .collect();
        let triggers = Triggers::new(&triggers, line_local, &aviation_only);
        // touch the lazily parsed lists so the first request does not pay for them
        let _ = LISTS.given.len();
        let _ = VENDOR_SET.len();
        let _ = ORG_PREFIX_WORDS.len();
        person::warm_up();
        let domain_terms = aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(DOMAIN_TERMS)
            .map_err(|e| eprintln!("scrubber: domain terms failed to build: {e}"))
            .ok();
        Detectors {
            res,
            triggers,
            line_scoped: true,
            domain_terms,
            placeholder: compile(
                r"\[(?:PERSON|ORG|EMAIL|PHONE|IP|MAC|HOST|URL|USERNAME|PATH|ADDRESS|CARD|IBAN|NATIONAL-ID|ACCOUNT-ID|SECRET|AIRCRAFT|FLIGHT|MRN|GPS|DATE|REDACTED)(?:-[0-9]+)?\]",
            ),
            aviation: compile(
                r"(?i)(?-u:\b)(?:flights?|aircraft|airplane|aeroplane|cockpit|runway|taxiway|atc|tower|squawk|captain|first officer|pilots?|crew|airline|airport|fl[0-9]{2,3}|altitude|knots|tcas|atis|callsign|call sign|tail number|departure|approach|landing|takeoff|take-off|go-around|airspace|avionics|boeing|airbus|cessna|embraer|tail|dispatch|pushback|notam|metar|squawk|apu|mel|ramp|fuel|hangar|nose wheel|landing gear|airframe|efb|acars|aog|fdp|tech log|tail_numbers?|tails|twr|atr|emb-[0-9]+|a320|a321|b737|b738|b787|crj[0-9]*|dash 8|q400|camo|propellers?|de-icing|deicing|airworthiness|flight deck|cabin crew|line maintenance|ground handling|belt loader|load ?sheet|weight and balance|mcc|occ|crs|amm|ils|vor|rvr|qnh|taf|flug|flugzeug|luftfahrzeug|triebwerk|vogelschlag|anflug|besatzung|voo|aeronave|tripula[cç][aã]o|vuelo|tripulaci[oó]n|aerol[ií]nea|avion|a[ée]ronef|volo|equipaggio|aeromobile|vlucht|vliegtuig|bemanning|samolot|za[lł]oga|lentokone|lennot|lennon|miehist[oö]|flyet|flyselskap|besetning|flyg|flygplan|flygbolag|bes[aä]ttning|u[cç]u[sş]|u[cç]ak|m[uü]rettebat|penerbangan|pesawat|kru)(?-u:\b)|航班|機長|機体|便名|航空機|항공기|기장|조종사|운항",
            ),
            version_before: compile(
                r"(?i)(?:\bv|\bversion[:=]?|\bver\.?|\brelease|\bbuild|\brev\.?|\bdriver|\bfirmware|\bfw|\bkernel|\bbios|\bsdk|\bpatch|\b(?:upgraded|updated|upgrade|update|bumped|pinned|rolled back) to)[ \t]*$",
            ),
            vocab: Vocabulary::builtin(),
        }
    }

    /// Every detector searches the whole text when its trigger fires (see
    /// [`crate::Scrubber::without_line_scoping`]).
    pub(crate) fn without_line_scoping(mut self) -> Detectors {
        self.line_scoped = false;
        self
    }

    /// How many fired detectors search fewer lines of `text` than all of them.
    #[cfg(test)]
    pub(crate) fn narrowed_detectors(&self, text: &str) -> usize {
        let hits = self.triggers.scan(text, self.aviation_context(text));
        hits.lines
            .iter()
            .zip(&hits.fired)
            .enumerate()
            .filter(|(ri, (l, f))| {
                **f && self.triggers.is_line_local(*ri)
                    && l.as_ref()
                        .is_some_and(|l| l.iter().map(|(a, z)| z - a).sum::<usize>() < text.len())
            })
            .count()
    }

    /// Candidates that line-local detectors find searching the whole of `text` on a line
    /// where their trigger does not occur: (detector, candidate text). Line scoping would miss
    /// these. (A match the detector rejects may lie anywhere: it never becomes a candidate.)
    #[cfg(test)]
    pub(crate) fn candidates_without_trigger(&self, text: &str) -> Vec<(D, String)> {
        static TRIGGERS: std::sync::OnceLock<Vec<(D, Option<Regex>)>> = std::sync::OnceLock::new();
        let triggers = TRIGGERS.get_or_init(|| {
            patterns()
                .iter()
                .map(|(d, t, _)| (*d, compile(t)))
                .collect()
        });
        let aviation = self.aviation_context(text);
        let mut missed = Vec::new();
        for (ri, (d, trigger)) in triggers.iter().enumerate() {
            if !self.triggers.is_line_local(ri) {
                continue;
            }
            let Some(Some(re)) = self
                .res
                .get(ri)
                .map(|(_, p, c)| c.get_or_init(|| compile(p)))
            else {
                continue;
            };
            let Some(trigger) = trigger else {
                continue;
            };
            let mut out = Vec::new();
            self.run(
                *d,
                re,
                text,
                None,
                aviation,
                &mut DocFacts::default(),
                &mut out,
            );
            for c in out {
                let a = text[..c.start].rfind('\n').map_or(0, |p| p + 1);
                let z = text[c.end..].find('\n').map_or(text.len(), |p| c.end + p);
                if !trigger.is_match(&text[a..z]) {
                    missed.push((*d, text[c.start..c.end].to_string()));
                }
            }
        }
        missed
    }

    #[cfg(test)]
    pub(crate) fn all_compiled(&self) -> bool {
        self.res
            .iter()
            .all(|(_, p, r)| r.get_or_init(|| compile(p)).is_some())
            && self.triggers.all_built()
            && self.placeholder.is_some()
            && self.aviation.is_some()
            && self.version_before.is_some()
    }

    /// Spans of existing placeholders (never redacted again).
    pub(crate) fn placeholders(&self, text: &str) -> Vec<(usize, usize)> {
        match &self.placeholder {
            Some(re) if text.contains('[') => {
                re.find_iter(text).map(|m| (m.start(), m.end())).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Part of some placeholder text ("PERSON-1]", "[SECRET").
    pub(crate) fn is_placeholder_fragment(&self, s: &str) -> bool {
        let t = s.trim_matches(|c: char| c == '[' || c == ']' || c.is_ascii_digit() || c == '-');
        !t.is_empty()
            && t.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
            && (s.contains('[') || s.contains(']'))
    }

    pub(crate) fn is_placeholder(&self, s: &str) -> bool {
        self.placeholder.as_ref().is_some_and(|re| {
            re.find(s)
                .is_some_and(|m| m.start() == 0 && m.end() == s.len())
        })
    }

    /// The organisation a cue points at: the capitalised words of `name` (at `name_start`) up
    /// to the first technology, if they read as a firm's name rather than ordinary words, a
    /// team or a person. `strong`: the cue leaves no doubt that a firm is named ("(contact:
    /// …)"), so ordinary words do ("Vantage Parcel"). Returns the byte range in `text`.
    fn cued_org(
        &self,
        text: &str,
        name_start: usize,
        name: &str,
        strong: bool,
    ) -> Option<(usize, usize)> {
        let words: Vec<&str> = name.split([' ', '\t']).filter(|w| !w.is_empty()).collect();
        let plain = |w: &str| {
            let l = w.to_lowercase();
            is_common_word(&l)
                || person::is_english_word(&l)
                || person::looks_english(&l)
                || month_index(&l).is_some()
                || person::ROLE_WORDS.contains(&l.as_str())
                || TEAM_WORDS.contains(&l.as_str())
        };
        // up to the first technology or ordinary lowercase-led word: "Paytrail UPI"
        let mut kept: Vec<&str> = Vec::new();
        for w in &words {
            if self.is_protected_term(w)
                || w.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    && w.len() <= 5
                    && !kept.is_empty()
                    && !strong
            {
                break;
            }
            kept.push(w);
        }
        let first = kept.first()?;
        // "counterparty BIC …", "carrier SIM-swap API": an acronym names what
        // follows, not a company
        let head = first.split('-').next().unwrap_or(first);
        if head.len() <= 4 && head.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        // "UniSuper", not the plural of an acronym ("customer VMs", "client IPs")
        let acronym_plural = first
            .strip_suffix('s')
            .is_some_and(|a| a.len() >= 2 && a.bytes().all(|b| b.is_ascii_uppercase()));
        let camel = first.chars().skip(1).any(char::is_uppercase)
            && first.chars().any(char::is_lowercase)
            && !acronym_plural;
        // "Anvil & Oak Furniture": a firm's name joined by '&'
        let joined = kept.contains(&"&") && kept.last() != Some(&"&");
        let kept: Vec<&str> = if kept.last() == Some(&"&") {
            kept[..kept.len() - 1].to_vec()
        } else {
            kept
        };
        let first = kept.first()?;
        let accept = if kept.len() == 1 {
            (!plain(first) || camel)
                && !acronym_plural
                && first.chars().count() >= 3
                && !self.is_protected_term(first)
                && !first.bytes().all(|b| b.is_ascii_uppercase())
        } else {
            let last = kept.last().copied().unwrap_or("");
            let last_l = last.to_lowercase();
            // "Atlantic Ramp Services, duty mgr …": after such a cue a company noun ends it
            (!TEAM_WORDS.contains(&last_l.as_str())
                || strong && ORG_NOUNS.iter().any(|(n, _)| n.eq_ignore_ascii_case(last)))
                && (kept.iter().any(|w| *w != "&" && !plain(w))
                    || (strong
                        && !kept.iter().any(|w| {
                            let l = w.to_lowercase();
                            person::ROLE_WORDS.contains(&l.as_str())
                                || TEAM_WORDS.contains(&l.as_str())
                        }))
                    || joined
                    || ORG_NOUNS.iter().any(|(n, _)| n.eq_ignore_ascii_case(last)))
        };
        // "Customer: Tanvir Ahmed Chowdhury": a person's name, not a firm's
        let person_shaped = (2..=4).contains(&kept.len())
            && !joined
            && kept
                .first()
                .is_some_and(|w| LISTS.given.contains(&w.to_lowercase()))
            && !kept
                .iter()
                .any(|w| ORG_NOUNS.iter().any(|(n, _)| n.eq_ignore_ascii_case(w)));
        if !accept || person_shaped {
            return None;
        }
        let start = name_start;
        let len = kept.iter().map(|w| w.len()).sum::<usize>() + kept.len() - 1;
        let end = (start + len).min(text.len());
        let org = text.get(start..end)?;
        let org = org.trim_end_matches(['.', ',', '\'', '’']);
        // "hosted by VisualStudio.com": a domain, for the host detectors
        let domain = text[start + org.len()..].starts_with('.')
            && text[start + org.len() + 1..].starts_with(|ch: char| ch.is_ascii_alphabetic());
        if org.is_empty() || domain || self.is_protected_term(org) {
            return None;
        }
        Some((start, start + org.len()))
    }

    /// A technology term or public vendor: never a person or organisation by heuristics.
    pub(crate) fn is_protected_term(&self, s: &str) -> bool {
        let t = s.trim();
        let t = t
            .strip_suffix("'s")
            .or_else(|| t.strip_suffix("’s"))
            .unwrap_or(t);
        if self.vocab.contains_term(t) {
            return true;
        }
        if t.bytes().any(|b| b.is_ascii_uppercase()) || !t.is_ascii() {
            VENDOR_SET.contains(t.to_lowercase().as_str())
        } else {
            VENDOR_SET.contains(t)
        }
    }

    /// A company's name without its legal form, read with the legal-suffix detector's own
    /// pattern: "Ocean Crest Trading FZE" -> "Ocean Crest Trading", "Alimentos del Bajío S.A.
    /// de C.V." -> "Alimentos del Bajío"; the name itself when it ends in no legal form.
    pub(crate) fn without_legal_form<'t>(&self, name: &'t str) -> &'t str {
        let name = name.trim();
        let legal = self
            .res
            .iter()
            .find(|(d, _, _)| *d == D::Legal)
            .and_then(|(_, p, c)| c.get_or_init(|| compile(p)).as_ref());
        let whole = legal.and_then(|re| re.captures(name)).and_then(|c| {
            let (all, core) = (c.get(0)?, c.name("name")?);
            (core.start() == 0 && all.end() == name.len()).then(|| core.as_str().trim_end())
        });
        whole.unwrap_or(name)
    }

    /// The end of a legal form right after `at` in `text` (", Ltd", " GmbH"), if one follows.
    pub(crate) fn legal_form_after(&self, text: &str, at: usize) -> Option<usize> {
        static FORM: once_cell::sync::Lazy<Option<Regex>> =
            once_cell::sync::Lazy::new(|| compile(&format!(r"\A,?[ \t]+(?:{LEGAL_FORMS})")));
        let m = FORM.as_ref()?.find(text.get(at..)?)?;
        let end = at + m.end();
        let next = text.as_bytes().get(end);
        (!next.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')).then_some(end)
    }

    /// The kind of a declared term: an email, a person, or else an organisation or product.
    pub(crate) fn classify_declared(&self, term: &str) -> Kind {
        if term.contains('@') && term.contains('.') && !term.contains(' ') {
            return Kind::Email;
        }
        let words: Vec<&str> = term.split_whitespace().collect();
        let all_cap = words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if !words.is_empty() && words.len() <= 4 && all_cap {
            let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
            let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
            let looks_person = LISTS.given.contains(&first)
                && (words.len() == 1 || LISTS.surnames.contains(&last) || words.len() == 2);
            if (looks_person || looks_like_unknown_person(&words)) && !self.is_protected_term(term)
            {
                return Kind::Person;
            }
        }
        Kind::Org
    }

    /// Where an [`D::AddrLine`] match that is an address ends (it starts where the match
    /// does): its place is no technology or English word ("Server 2019", "Release 2024" are no
    /// places), and the trailing delimiter is left out.
    fn address_line_end(&self, text: &str, c: &regex::Captures) -> Option<usize> {
        let m = c.get(0)?;
        let place = c.name("pp").or(c.name("qp"))?;
        let code = c.name("pf").or(c.name("qf"))?;
        // a postcode with letters ("LS11 5PS", "M9B 3K2", "1016 DX") is one on its own; digits
        // alone need a place that is not only ordinary or technical words ("Tel Aviv" is one)
        let lettered = code.as_str().bytes().any(|b| b.is_ascii_alphabetic());
        let place_ok = lettered
            || place.as_str().split([' ', '\t', '/']).any(|w| {
                let l = w.trim_end_matches('.').to_lowercase();
                !(l.is_empty()
                    || self.vocab.contains_term(&l)
                    || person::is_english_word(&l)
                    || is_common_word(&l))
            });
        // "QNH 1012", "FL 2400": a word in capitals before bare digits is no place (a state
        // is: "VA 20147"; so is a capitalised town before a postcode: "HULL HU9 1TD")
        let caps = place
            .as_str()
            .chars()
            .filter(|ch| ch.is_alphabetic())
            .count()
            >= 3
            && !place.as_str().chars().any(char::is_lowercase);
        if !place_ok || (caps && code.as_str().bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let mut end = place
            .end()
            .max(code.end())
            .max(c.name("region").map_or(0, |r| r.end()));
        // a full stop after a word ends the sentence ("… 10117 Berlin, Germany."); after a
        // short abbreviation it is the abbreviation's ("Gto.", "N.L.")
        if let Some(head) = text.get(m.start()..end).and_then(|t| t.strip_suffix('.')) {
            let last = head.rsplit([' ', ',', '/', '.']).next().unwrap_or("");
            if last.chars().count() > 3 {
                end -= 1;
            }
        }
        Some(end)
    }

    /// The people of an attendee list: items split at commas, semicolons and "and", each a
    /// name of two to four capitalised words (a role in brackets may follow), with a word from
    /// the name lists or one that is no English word. An English word beside a name is a name
    /// here ("Summer Lindqvist", "Cormac Furlong"); a team or a technology is not.
    fn attendees(
        &self,
        text: &str,
        start: usize,
        list: &str,
        facts: &mut DocFacts,
        out: &mut Vec<Cand>,
    ) {
        let mut at = 0;
        for item in list.split_inclusive([',', ';']) {
            let item_start = at;
            at += item.len();
            for (off, part) in split_and(item) {
                let trimmed = part.trim_end_matches([',', ';', '.', ' ', '\t']);
                // a role or a company in brackets after the name
                let name = trimmed.split(" (").next().unwrap_or("").trim_end();
                let lead = name.len() - name.trim_start().len();
                let name = name.trim();
                let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
                if !(2..=4).contains(&words.len()) {
                    continue;
                }
                let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                let particle = |l: &str| person::PARTICLES.contains(&l);
                let shaped = words.iter().zip(&lower).enumerate().all(|(i, (w, l))| {
                    (i > 0 && particle(l))
                        || (person::name_shaped(w)
                            && w.starts_with(char::is_uppercase)
                            && w.chars()
                                .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '’'))
                            && !TEAM_WORDS.contains(&l.as_str())
                            && !person::ROLE_WORDS.contains(&l.as_str())
                            && month_index(l).is_none())
                });
                let named = lower.iter().any(|l| {
                    !particle(l)
                        && (LISTS.surnames.contains(l)
                            || LISTS.given.contains(l)
                            || (!is_common_word(l) && !person::is_english_word(l)))
                });
                let technical = words
                    .iter()
                    .any(|w| self.is_protected_term(w) && !LISTS.given.contains(&w.to_lowercase()));
                if shaped && named && !technical && !self.is_protected_term(name) {
                    let s = start + item_start + off + lead;
                    person::push_person(text, s, s + name.len(), facts, out);
                }
            }
        }
    }

    /// Run every detector whose pattern occurs in `text`.
    pub(crate) fn detect(&self, text: &str, facts: &mut DocFacts) -> Vec<Cand> {
        self.detect_regions(text, &[(0, text.len())], &mut Vec::new(), facts)
    }

    /// Run the detectors on the given regions of `text` only (byte ranges that start and end
    /// at line boundaries), with document-level context (aviation vocabulary) taken from the
    /// whole text. Candidates are in `text` offsets.
    pub(crate) fn detect_regions(
        &self,
        text: &str,
        regions: &[(usize, usize)],
        fired: &mut Vec<bool>,
        facts: &mut DocFacts,
    ) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::new();
        if text.is_empty() {
            return out;
        }
        let aviation = self.aviation_context(text);
        let slices: Vec<(usize, &str)> = regions
            .iter()
            .filter_map(|&(a, b)| text.get(a..b).map(|t| (a, t)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        // Which detectors run is decided on the whole text, as a scan of the whole text would
        // decide it: a trigger outside the regions ("fe80::1" three lines down) still makes the
        // detector look inside them ("]::7"), or scrubbing the output again would differ.
        // `fired` empty: read the triggers of the whole text (and keep them). Otherwise they
        // are those of the text before redaction, which differs only inside the regions: the
        // triggers found there are added.
        let hits: Vec<Hits> = slices
            .iter()
            .map(|(_, r)| self.triggers.scan(r, aviation))
            .collect();
        if fired.len() != self.res.len() {
            *fired = match (slices.as_slice(), hits.first()) {
                ([(0, whole)], Some(h)) if whole.len() == text.len() => h.fired.clone(),
                _ => self.triggers.scan(text, aviation).fired,
            };
        } else {
            for h in &hits {
                for (f, g) in fired.iter_mut().zip(&h.fired) {
                    *f |= *g;
                }
            }
        }
        let fired: &[bool] = fired;
        // pattern detectors first, so that the token pass sees every chat label and handle
        for (&(offset, region), hits) in slices.iter().zip(&hits) {
            self.run_detectors(fired, hits, text, offset, region, aviation, facts, &mut out);
            let before = out.len();
            self.k8s_pods(region, &mut out);
            shift(&mut out[before..], offset);
        }
        // tables: a header row may lie outside the regions, so the whole text is read
        let within = match slices.as_slice() {
            [(0, whole)] if whole.len() == text.len() => None,
            _ => Some(regions),
        };
        self.table_cells(text, within, facts, &mut out);
        // "*.oakhaven.io": the wildcard is part of the name
        for c in out.iter_mut().filter(|c| c.kind == Kind::Host) {
            if c.start >= 2 && text.get(c.start - 2..c.start) == Some("*.") {
                c.start -= 2;
            }
        }
        for &(offset, region) in &slices {
            let before = out.len();
            person::detect_tokens(self, region, facts, &mut out);
            if tracing() {
                for c in &out[before..] {
                    eprintln!("tokens: {:?} {:?}", c.kind, region.get(c.start..c.end));
                }
            }
            let people: Vec<usize> = out[before..]
                .iter()
                .filter(|c| c.kind == Kind::Person)
                .map(|c| c.end)
                .collect();
            for end in people {
                self.org_after_person(region, end, facts, &mut out);
            }
            shift(&mut out[before..], offset);
        }
        out
    }

    /// Drop people and organisations found inside an eponym of the trades. Returns the
    /// identity keys of those dropped.
    pub(crate) fn drop_domain_terms(&self, text: &str, out: &mut Vec<Cand>) -> Vec<String> {
        let mut dropped = Vec::new();
        let Some(ac) = &self.domain_terms else {
            return dropped;
        };
        if !out
            .iter()
            .any(|c| matches!(c.kind, Kind::Person | Kind::Org))
        {
            return dropped;
        }
        // technologies of several words too: "Balancer" of "Elastic Load Balancer"
        let mut spans: Vec<(usize, usize)> = self.vocab.phrase_spans(text);
        spans.extend(ac.find_iter(text).map(|m| (m.start(), m.end())));
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (a, z) in spans {
            match merged.last_mut() {
                Some(last) if a < last.1 => last.1 = last.1.max(z),
                _ => merged.push((a, z)),
            }
        }
        let spans: Vec<(usize, usize)> = merged
            .into_iter()
            .filter(|&(a, z)| {
                // whole words only: "Markov" but not "Markovich"
                !text[..a]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !text[z..].chars().next().is_some_and(char::is_alphanumeric)
            })
            .collect();
        if spans.is_empty() {
            return dropped;
        }
        // spans are sorted and disjoint (leftmost-longest): a binary search finds the one that
        // could hold a candidate
        let inside = |c: &Cand| {
            let k = spans.partition_point(|&(a, _)| a <= c.start);
            k > 0 && spans.get(k - 1).is_some_and(|&(_, z)| c.end <= z)
        };
        // a person's name that ends in a term ("Oberärztin Innere Medizin") keeps the words
        // before it, if they are a known name's
        for c in out
            .iter_mut()
            .filter(|c| c.kind == Kind::Person && c.fixed.is_none())
        {
            let k = spans.partition_point(|&(a, _)| a < c.end);
            let Some(&(a, z)) = k.checked_sub(1).and_then(|k| spans.get(k)) else {
                continue;
            };
            // a one-word eponym may be a surname too ("Maarten Dijkstra")
            if z != c.end || a <= c.start || !text[a..z].contains(' ') {
                continue;
            }
            let head = text[c.start..a].trim_end();
            let known = head.split_whitespace().any(|w| {
                let l = w.to_lowercase();
                LISTS.given.contains(&l) || LISTS.surnames.contains(&l)
            });
            // the words it registered go with it; nothing of a name left: it goes below
            dropped.push(c.identity(text));
            dropped.push(normalise_key(Kind::Person, &text[a..z]));
            c.end = if known { c.start + head.len() } else { c.start };
            c.key = normalise_key(Kind::Person, &text[c.start..c.end]);
        }
        out.retain(|c| {
            // inside the term only: "Maarten Dijkstra" is still a person
            let drop =
                matches!(c.kind, Kind::Person | Kind::Org) && (inside(c) || c.end == c.start);
            if drop {
                dropped.push(c.identity(text));
            }
            !drop
        });
        dropped
    }

    /// A person found as one word that is a title or a header label on its own ("Dr", "Capt",
    /// "Commit:", "Från:", "English:") or the preposition "na" of Slavic and Portuguese text:
    /// no name. Returns the identities dropped.
    pub(crate) fn drop_lone_non_names(&self, text: &str, out: &mut Vec<Cand>) -> Vec<String> {
        let lone = |c: &Cand| {
            c.kind == Kind::Person
                && c.fixed.is_none()
                && text.get(c.start..c.end).is_some_and(|n| {
                    let l = n.trim_end_matches(['.', ':']).to_lowercase();
                    !l.contains(char::is_whitespace)
                        && (person::TITLES.contains(&l.as_str())
                            || matches!(
                                l.as_str(),
                                "commit" | "author" | "från" | "english" | "na" | "ngā"
                            ))
                })
        };
        let dropped: Vec<String> = out
            .iter()
            .filter(|c| lone(c))
            .map(|c| c.identity(text))
            .collect();
        if !dropped.is_empty() {
            out.retain(|c| !lone(c));
        }
        dropped
    }

    /// "in Sofia, Bulgaria", "our Charlotte, NC office": a one-word person followed by a country
    /// or state after a comma is a city. Not when the place is a given name too ("Anna, Jordan
    /// and Chad joined"). Returns the identities dropped.
    pub(crate) fn drop_cities(&self, text: &str, out: &mut Vec<Cand>) -> Vec<String> {
        let one_word_person = |c: &Cand| {
            c.kind == Kind::Person
                && c.fixed.is_none()
                && text
                    .get(c.start..c.end)
                    .is_some_and(|n| !n.contains(char::is_whitespace))
        };
        let mut dropped: Vec<String> = Vec::new();
        for c in out.iter().filter(|c| one_word_person(c)) {
            let Some(rest) = text[c.end..].strip_prefix(", ") else {
                continue;
            };
            let city = PLACES_AFTER_COMMA.iter().any(|place| {
                rest.starts_with(place)
                    && !rest[place.len()..].starts_with(|ch: char| ch.is_alphanumeric())
                    && {
                        let l = place.to_lowercase();
                        !LISTS.given.contains(&l) && !LISTS.given_common.contains(&l)
                    }
            });
            if city {
                dropped.push(c.identity(text));
            }
        }
        // every mention of the city goes with it: "Sofia, Bulgaria … the Sofia PoP"
        if !dropped.is_empty() {
            out.retain(|c| !(one_word_person(c) && dropped.contains(&c.identity(text))));
        }
        dropped
    }

    /// "Bill from Ardent Forge", "Kehinde at Ironclad Crypto": capitalised words after a
    /// person and "from" or "at" name where that person works.
    fn org_after_person(&self, text: &str, end: usize, facts: &mut DocFacts, out: &mut Vec<Cand>) {
        let rest = text.get(end..).unwrap_or("");
        let Some(after) = ["from ", "at ", "of "]
            .iter()
            .find_map(|cue| rest.strip_prefix(' ').and_then(|r| r.strip_prefix(cue)))
        else {
            return;
        };
        let start = text.len() - after.len();
        // the name ends with its line
        let after = after.split(['\n', '\r']).next().unwrap_or("");
        let mut words: Vec<&str> = Vec::new();
        for w in after.split(' ') {
            let clean = w.trim_end_matches([',', '.', ';', ':', ')', '!', '?']);
            let clean = clean
                .strip_suffix("'s")
                .or_else(|| clean.strip_suffix("’s"))
                .unwrap_or(clean);
            let capitalised = clean.starts_with(|c: char| c.is_uppercase())
                && clean.chars().any(char::is_lowercase)
                && clean
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
            if !(capitalised || (clean == "&" && !words.is_empty())) || words.len() == 4 {
                break;
            }
            words.push(clean);
            // punctuation or a possessive ends the name
            if clean.len() != w.len() {
                break;
            }
        }
        while words.last() == Some(&"&") {
            words.pop();
        }
        let len = words.iter().map(|w| w.len()).sum::<usize>() + words.len().saturating_sub(1);
        if words.is_empty() || len == 0 {
            return;
        }
        let phrase = &text[start..start + len];
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let all_english = lower
            .iter()
            .all(|w| person::is_english_word(w) || is_common_word(w));
        if self.is_protected_term(phrase)
            || words.iter().any(|w| self.is_protected_term(w))
            || lower.iter().any(|w| {
                TEAM_WORDS.contains(&w.as_str())
                    || person::ROLE_WORDS.contains(&w.as_str())
                    || month_index(w).is_some()
                    || NATIONALITIES.contains(&w.as_str())
            })
            || (words.len() == 1 && all_english)
        {
            return;
        }
        facts.orgs.push(phrase.to_lowercase());
        out.push(
            Cand::new(start, start + phrase.len(), Kind::Org).key(normalise_key(Kind::Org, phrase)),
        );
    }

    /// Aviation vocabulary in `text`, not counting placeholders: "[AIRCRAFT-1]" and
    /// "[FLIGHT-1]" must not turn a redacted text into an aviation one, or scrubbing the output
    /// again would find flight numbers the first pass did not.
    fn aviation_context(&self, text: &str) -> bool {
        let Some(re) = &self.aviation else {
            return false;
        };
        if !text.contains('[') {
            return re.is_match(text);
        }
        // a word touching a placeholder ("[PHONE-1]crew") touched the redacted text before
        // ("1234567crew"), where it was no word of its own: it opens the gate no more than it
        // did then, or scrubbing the output again would differ
        let placeholders = self.placeholders(text);
        re.find_iter(text).any(|m| {
            !placeholders
                .iter()
                .any(|&(s, e)| (s <= m.start() && m.end() <= e) || e == m.start() || s == m.end())
        })
    }

    /// Run the `fired` detectors over `region` (at `offset` in `text`): a line-local detector
    /// only on the lines of the region where its trigger occurs (searched with the whole text
    /// as context, so it finds what a search of the whole text finds there), any other on the
    /// whole region.
    #[allow(clippy::too_many_arguments)]
    fn run_detectors(
        &self,
        fired: &[bool],
        hits: &Hits,
        text: &str,
        offset: usize,
        region: &str,
        aviation: bool,
        facts: &mut DocFacts,
        out: &mut Vec<Cand>,
    ) {
        let mut lines: Vec<(usize, usize)> = Vec::new();
        for (ri, _) in fired.iter().enumerate().filter(|(_, f)| **f) {
            let Some((d, p, cell)) = self.res.get(ri) else {
                continue;
            };
            let line_local = self.line_scoped && self.triggers.is_line_local(ri);
            let scoped = match hits.lines.get(ri) {
                Some(Some(l)) if line_local => Some(l),
                // its matches contain a trigger match: none in this region without one
                _ if line_local && !hits.fired.get(ri).copied().unwrap_or(false) => continue,
                _ => None,
            };
            let Some(re) = cell.get_or_init(|| compile(p)) else {
                continue;
            };
            let traced = out.len();
            match scoped {
                Some(l) => {
                    lines.clear();
                    lines.extend(l.iter().map(|&(a, z)| (a + offset, z + offset)));
                    self.run(*d, re, text, Some(&lines), aviation, facts, out);
                }
                None => {
                    let before = out.len();
                    self.run(*d, re, region, None, aviation, facts, out);
                    shift(&mut out[before..], offset);
                }
            }
            if tracing() {
                for c in &out[traced..] {
                    eprintln!("{d:?}: {:?} {:?}", c.kind, text.get(c.start..c.end));
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        d: D,
        re: &Regex,
        text: &str,
        within: Option<&[(usize, usize)]>,
        aviation: bool,
        facts: &mut DocFacts,
        out: &mut Vec<Cand>,
    ) {
        match d {
            D::Email => {
                for m in finds(re, text, within) {
                    self.email(text, m.start(), m.end(), facts, out);
                }
            }
            D::ObfEmail => {
                for m in finds(re, text, within) {
                    let s = m.as_str().to_lowercase();
                    let norm: String = s
                        .replace("(at)", " at ")
                        .replace("[at]", " at ")
                        .replace("{at}", " at ")
                        .replace("(dot)", " dot ")
                        .replace("[dot]", " dot ")
                        .replace("{dot}", " dot ");
                    let parts: Vec<&str> = norm.split_whitespace().collect();
                    // local at label (dot label)+
                    let Some(at) = parts.iter().position(|p| *p == "at") else {
                        continue;
                    };
                    // "kurt dot lindemann at posteo dot de"
                    let local: String = parts
                        .get(..at)
                        .unwrap_or_default()
                        .iter()
                        .map(|p| if *p == "dot" { "." } else { p })
                        .collect();
                    let domain: Vec<&str> = parts
                        .iter()
                        .skip(at + 1)
                        .filter(|p| **p != "dot")
                        .copied()
                        .collect();
                    let Some(tld) = domain.last() else { continue };
                    if local.is_empty() || is_common_word(&local) || !OBF_TLDS.contains(tld) {
                        continue;
                    }
                    if let Some(first) = domain.first() {
                        if domain.len() >= 2
                            && !is_common_word(first)
                            && !self.is_protected_term(first)
                        {
                            facts.orgs.push((*first).to_string());
                        }
                    }
                    let key = format!("{}@{}", local, domain.join("."));
                    out.push(
                        Cand::new(m.start(), m.end(), Kind::Email)
                            .key(key)
                            .prio(100),
                    );
                }
            }
            D::UserAtHost => {
                for c in captures(re, text, within) {
                    let (Some(all), Some(user), Some(host)) = (c.get(0), c.get(1), c.get(2)) else {
                        continue;
                    };
                    let h = host.as_str();
                    let is_ip = h.parse::<std::net::Ipv4Addr>().is_ok();
                    if !is_ip && (h.contains('.') && has_alpha_tld(h)) {
                        continue; // an email: handled by D::Email
                    }
                    if text[all.end()..].starts_with('.') && !is_ip {
                        continue;
                    }
                    // "actions/checkout@v4", "lodash@4.17.21": a package at a version
                    let version = h.trim_start_matches('v');
                    if text[..user.start()].ends_with('/')
                        || (!version.is_empty()
                            && version.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
                    {
                        continue;
                    }
                    if !SYSTEM_ACCOUNTS.contains(&user.as_str()) {
                        out.push(Cand::new(user.start(), user.end(), Kind::Username));
                    }
                    if is_ip {
                        out.push(Cand::new(host.start(), host.end(), Kind::Ip));
                    } else if !self.is_protected_term(h) && h != "localhost" {
                        out.push(Cand::new(host.start(), host.end(), Kind::Host));
                    }
                }
            }
            D::Url => {
                for m in finds(re, text, within) {
                    self.url(text, m.start(), m.end(), facts, out);
                }
            }
            D::Conn => {
                for c in captures(re, text, within) {
                    self.conn(text, &c, facts, out);
                }
            }
            D::Ipv4 => {
                for m in finds(re, text, within) {
                    let (s, e) = (m.start(), m.end());
                    let b = text.as_bytes();
                    if s > 0
                        && (b[s - 1] == b'.'
                            || b[s - 1].is_ascii_alphanumeric()
                            || b[s - 1] == b'-')
                    {
                        continue;
                    }
                    if e < b.len() && b[e] == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
                        continue;
                    }
                    // "version 10.2.0.1", not "server 10.8.14.21" (only the last few bytes are
                    // read: the whole prefix would make many addresses quadratic)
                    let mut from = s.saturating_sub(24);
                    // start at a word's start, so that "\bver" does not read "ser|ver"
                    while from < s
                        && (!text.is_char_boundary(from)
                            || (from > 0 && text.as_bytes()[from - 1].is_ascii_alphanumeric()))
                    {
                        from += 1;
                    }
                    if self
                        .version_before
                        .as_ref()
                        .is_some_and(|r| r.is_match(&text[from..s]))
                    {
                        continue;
                    }
                    let ip = m.as_str().split('/').next().unwrap_or("");
                    if KEEP_IPS.contains(&ip)
                        || private_block(m.as_str())
                        || ip.starts_with("127.")
                        || ip.starts_with("255.255.")
                    {
                        continue;
                    }
                    out.push(Cand::new(s, e, Kind::Ip).key(ip.to_string()));
                }
            }
            D::Ipv6 => {
                for m in finds(re, text, within) {
                    let (s, mut e) = (m.start(), m.end());
                    let b = text.as_bytes();
                    if s > 0
                        && (b[s - 1].is_ascii_alphanumeric()
                            || b[s - 1] == b':'
                            || b[s - 1] == b'_')
                    {
                        continue;
                    }
                    // a full stop ends the sentence ("claimed 2001:db8::17."), not the token
                    let dot_inside = b[e..].starts_with(b".")
                        && b.get(e + 1).is_some_and(|c| c.is_ascii_alphanumeric());
                    if e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'_' || dot_inside) {
                        continue;
                    }
                    let mut addr = m.as_str();
                    let mut cidr = "";
                    if let Some(p) = addr.find('/') {
                        cidr = &addr[p..];
                        addr = &addr[..p];
                    }
                    // "fe80::1:" trailing colon from "[..]:443" forms
                    if addr.ends_with(':') && !addr.ends_with("::") {
                        addr = &addr[..addr.len() - 1];
                        if cidr.is_empty() {
                            e -= 1;
                        } else {
                            continue;
                        }
                    }
                    if addr.matches(':').count() < 2 || addr == "::" || addr == "::1" {
                        continue;
                    }
                    if addr.parse::<std::net::Ipv6Addr>().is_err() {
                        continue;
                    }
                    // "::add-mask::", "::cafe": one group of letters is a word after colons
                    let groups: Vec<&str> = addr.split(':').filter(|g| !g.is_empty()).collect();
                    if let [only] = groups.as_slice() {
                        if !only.bytes().any(|c| c.is_ascii_digit()) {
                            continue;
                        }
                    }
                    // all-decimal groups like 10:32:45:01 are more likely times
                    if !addr.contains("::")
                        && addr
                            .split(':')
                            .all(|g| g.bytes().all(|c| c.is_ascii_digit()))
                    {
                        continue;
                    }
                    out.push(Cand::new(s, e, Kind::Ip).key(addr.to_lowercase()));
                }
            }
            D::Mac => {
                for m in finds(re, text, within) {
                    let s = m.as_str();
                    let seps: HashSet<char> =
                        s.chars().filter(|c| !c.is_ascii_hexdigit()).collect();
                    if seps.len() != 1 {
                        continue;
                    }
                    // all-decimal groups separated by '-' look like dates or ids
                    if s.chars().all(|c| c.is_ascii_digit() || c == '-') {
                        continue;
                    }
                    let key: String = s
                        .to_lowercase()
                        .chars()
                        .filter(char::is_ascii_hexdigit)
                        .collect();
                    out.push(Cand::new(m.start(), m.end(), Kind::Mac).key(key));
                }
            }
            D::PhonePlus | D::PhoneUs | D::PhoneNational | D::PhoneMobile => {
                for m in finds(re, text, within) {
                    let (s, e) = (m.start(), m.end());
                    let b = text.as_bytes();
                    if e < b.len()
                        && (b[e].is_ascii_digit()
                            || (b[e] == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_digit)))
                    {
                        continue;
                    }
                    if s > 0
                        && (b[s - 1].is_ascii_alphanumeric()
                            || b[s - 1] == b'.'
                            || b[s - 1] == b'/')
                    {
                        continue;
                    }
                    // "0049 30 1234567", not the middle of an IBAN or a card number
                    // ("DE99 3774 0064 9563 0144 04")
                    if m.as_str().starts_with("00")
                        && text[..s]
                            .trim_end_matches(' ')
                            .ends_with(|c: char| c.is_ascii_digit())
                    {
                        continue;
                    }
                    let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
                    let min = if d == D::PhonePlus { 8 } else { 9 };
                    if !(min..=15).contains(&digits) {
                        continue;
                    }
                    if d == D::PhonePlus
                        && m.as_str().contains('.')
                        && !m.as_str().contains(' ')
                        && m.as_str().matches('.').count() < 2
                    {
                        continue;
                    }
                    out.push(Cand::new(s, e + extension_len(&text[e..]), Kind::Phone));
                }
            }
            D::PhoneCtx => {
                for c in captures(re, text, within) {
                    // an extension: "Ext 4421", "(ext. 4417)"
                    if let Some(x) = c.name("ext") {
                        out.push(Cand::new(x.start(), x.end(), Kind::Phone));
                        continue;
                    }
                    let Some(g) = c.get(1) else { continue };
                    let digits = g.as_str().bytes().filter(u8::is_ascii_digit).count();
                    if !(7..=15).contains(&digits) || looks_like_version_or_date(g.as_str()) {
                        continue;
                    }
                    out.push(Cand::new(g.start(), g.end(), Kind::Phone));
                }
            }
            D::Card => {
                for m in finds(re, text, within) {
                    let s = m.as_str();
                    let digits: Vec<u8> = s
                        .bytes()
                        .filter(u8::is_ascii_digit)
                        .map(|b| b - b'0')
                        .collect();
                    if !(13..=19).contains(&digits.len()) || !matches!(digits.first(), Some(2..=6))
                    {
                        continue;
                    }
                    let seps: HashSet<u8> = s.bytes().filter(|b| !b.is_ascii_digit()).collect();
                    if seps.len() > 1 || !luhn(&digits) || digits.iter().all(|&d| d == digits[0]) {
                        continue;
                    }
                    out.push(Cand::new(m.start(), m.end(), Kind::CreditCard));
                }
            }
            D::Iban => {
                for m in finds(re, text, within) {
                    let compact: String =
                        m.as_str().chars().filter(|c| !c.is_whitespace()).collect();
                    if (15..=34).contains(&compact.len()) && iban_valid(&compact) {
                        out.push(Cand::new(m.start(), m.end(), Kind::Iban));
                    }
                }
            }
            D::Ssn => {
                for m in finds(re, text, within) {
                    let s = m.as_str();
                    let area = s.get(0..3).unwrap_or("000");
                    let group = s.get(4..6).unwrap_or("00");
                    let serial = s.get(7..11).unwrap_or("0000");
                    if area == "000"
                        || area == "666"
                        || area.starts_with('9')
                        || group == "00"
                        || serial == "0000"
                    {
                        continue;
                    }
                    let b = text.as_bytes();
                    if m.end() < b.len() && b[m.end()] == b'-' {
                        continue;
                    }
                    if m.start() > 0 && b[m.start() - 1] == b'-' {
                        continue;
                    }
                    out.push(Cand::new(m.start(), m.end(), Kind::NationalId));
                }
            }
            D::Nino => {
                for m in finds(re, text, within) {
                    out.push(Cand::new(m.start(), m.end(), Kind::NationalId));
                }
            }
            D::Wallet => {
                for m in finds(re, text, within) {
                    let key = m.as_str().to_lowercase();
                    out.push(Cand::new(m.start(), m.end(), Kind::AccountId).key(key));
                }
            }
            D::NatIdShape => {
                for m in finds(re, text, within) {
                    let v = m.as_str();
                    // eighteen digits: a Chinese resident id only with its ISO 7064 check digit
                    if v.len() == 18
                        && v.as_bytes()[0].is_ascii_digit()
                        && !crate::natid::chinese_id(v)
                    {
                        continue;
                    }
                    out.push(Cand::new(m.start(), m.end(), Kind::NationalId));
                }
            }
            D::NatIdChecked => {
                for m in finds(re, text, within) {
                    let (start, end) = (m.start(), m.end());
                    // a part of a longer group of digits ("4111 1111 1111 1111", "+46 19840312-4475")
                    let before = &text.as_bytes()[..start];
                    let after = &text.as_bytes()[end..];
                    let digit_at = |b: &[u8], i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
                    let n = before.len();
                    // (or of one whose head is redacted already: "[FLIGHT-1] 9659 5215 5380")
                    if (n >= 2
                        && matches!(before[n - 1], b' ' | b'-' | b'.' | b'+')
                        && (digit_at(before, n - 2) || before[n - 2] == b']'))
                        || (after.len() >= 2
                            && matches!(after[0], b' ' | b'-' | b'.')
                            && digit_at(after, 1))
                    {
                        continue;
                    }
                    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
                    let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
                    if crate::natid::checked(m.as_str(), &text[line_start..line_end]) {
                        out.push(Cand::new(start, end, Kind::NationalId));
                    }
                }
            }
            D::NatIdCtx => {
                for c in captures(re, text, within) {
                    // a FHIR identifier whose system names a national id; an Indian PAN
                    if let Some(v) = c.name("fhir").or(c.name("pan")) {
                        out.push(Cand::new(v.start(), v.end(), Kind::NationalId));
                        continue;
                    }
                    if let Some((s, e)) = trim_id(text, c.get(1)) {
                        // "licence 2024 terms": a year
                        let v = &text[s..e];
                        if v.len() == 4 && (v.starts_with("19") || v.starts_with("20")) {
                            continue;
                        }
                        out.push(Cand::new(s, e, Kind::NationalId));
                    }
                }
            }
            D::AccountCtx => {
                for c in captures(re, text, within) {
                    let Some(g) = c.get(1) else { continue };
                    // "aks-userpool-31894273-vmss00000c": the cue word is part of a name (but
                    // "AWS-Konto": a German compound of a vendor and the cue)
                    let start = c.get(0).map_or(g.start(), |m| m.start());
                    let compound = text[..start].strip_suffix('-').is_some_and(|b| {
                        let w = b
                            .rsplit(|ch: char| !ch.is_alphanumeric())
                            .next()
                            .unwrap_or("");
                        w.len() >= 2 && w.bytes().all(|ch| ch.is_ascii_uppercase())
                    }) && text[start..].starts_with(char::is_uppercase);
                    if text[..start].ends_with(['-', '_', '.', '/']) && !compound {
                        continue;
                    }
                    // "account (BSB 062-914, …)", "merchant MID 800417225": the number
                    // without the next cue's word
                    let g_start = match g.as_str().split_once(' ') {
                        Some((w, _))
                            if matches!(
                                w,
                                "BSB" | "MID" | "TID" | "CIF" | "LEI" | "SUN" | "FRN" | "ABA"
                            ) =>
                        {
                            g.start() + w.len() + 1
                        }
                        _ => g.start(),
                    };
                    let v = &text[g_start..g.end()];
                    let digits = v.bytes().filter(u8::is_ascii_digit).count();
                    if digits < 4 || looks_like_version_or_date(v) {
                        continue;
                    }
                    // "account 2024" alone is a year more often than an id
                    if v.len() == 4 && (v.starts_with("19") || v.starts_with("20")) {
                        continue;
                    }
                    // "UID:1001" in a kernel log: a Unix user id of a service, nobody's number
                    let cue = text[c.get(0).map_or(g.start(), |m| m.start())..g.start()]
                        .trim_end_matches([' ', '\t', ':', '=', '#', '"', '\''])
                        .to_lowercase();
                    if cue == "uid" && v.len() <= 5 && v.bytes().all(|b| b.is_ascii_digit()) {
                        continue;
                    }
                    // digit groups ("account 51 992 4410", "TeamViewer ID 1 284 559 032")
                    // are long; "order 10 20 30 pcs" is a list of counts
                    if v.matches(' ').count() >= 2
                        && v.bytes().all(|b| b.is_ascii_digit() || b == b' ')
                        && digits < 9
                    {
                        continue;
                    }
                    out.push(Cand::new(g_start, g.end(), Kind::AccountId));
                    // a list of ids of the same shape: "asset tags BME-33120, BME-33127"
                    let prefix: String =
                        v.chars().take_while(|ch| ch.is_ascii_uppercase()).collect();
                    if prefix.len() >= 2 && v[prefix.len()..].starts_with(['-', '_']) {
                        let mut at = g.end();
                        while let Some(rest) = text[at..]
                            .strip_prefix(", ")
                            .or_else(|| text[at..].strip_prefix(" and "))
                        {
                            let id_len = rest
                                .find(|ch: char| {
                                    !(ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_'))
                                })
                                .unwrap_or(rest.len());
                            let id = &rest[..id_len];
                            if !(id.starts_with(&prefix)
                                && id[prefix.len()..].starts_with(['-', '_'])
                                && id.bytes().filter(u8::is_ascii_digit).count() >= 4)
                            {
                                break;
                            }
                            let s = text.len() - rest.len();
                            out.push(Cand::new(s, s + id_len, Kind::AccountId));
                            at = s + id_len;
                        }
                    }
                }
            }
            D::Arn => {
                for c in captures(re, text, within) {
                    if let Some(g) = c.get(1) {
                        out.push(Cand::new(g.start(), g.end(), Kind::AccountId));
                    }
                }
            }
            D::AccountNative => {
                for c in captures(re, text, within) {
                    let (Some(cue), Some(sep), Some(v)) =
                        (c.name("cue"), c.name("sep"), c.name("v"))
                    else {
                        continue;
                    };
                    let value = v.as_str();
                    let digits = value.bytes().filter(u8::is_ascii_digit).count();
                    let letters = value.bytes().any(|b| b.is_ascii_alphabetic());
                    // a device's serial as a field ("ipad_serial: …", "serial number …"); in
                    // prose ("the ventilator (serial 44K-1123)", "serial 115200") it is a
                    // technical fact
                    let cue_l = cue.as_str().to_ascii_lowercase();
                    let bare_serial = (cue_l.ends_with("serial") || cue_l == "s/n")
                        && !sep.as_str().contains([':', '=', '#']);
                    // a version or a date is no number of anyone's
                    let dotted_number = value.contains('.') && !letters;
                    if digits < 3
                        || bare_serial
                        || dotted_number
                        || component_suffix(text, cue.start())
                    {
                        continue;
                    }
                    out.push(Cand::new(v.start(), v.end(), Kind::AccountId));
                }
            }
            D::TransponderHex => {
                for c in captures(re, text, within) {
                    let Some(g) = c.name("hex") else { continue };
                    // a colour ("#4ca8f2") is no address
                    if transponder_address(g.as_str()) && !text[..g.start()].ends_with('#') {
                        out.push(Cand::new(g.start(), g.end(), Kind::Aircraft));
                    }
                }
            }
            D::ApprovalRef => {
                for c in captures(re, text, within) {
                    if let Some(g) = c.name("ref").or(c.name("ap")) {
                        out.push(Cand::new(g.start(), g.end(), Kind::AccountId));
                    }
                }
            }
            D::NetfilterMac => {
                for c in captures(re, text, within) {
                    for g in [c.name("dst"), c.name("src")].into_iter().flatten() {
                        out.push(Cand::new(g.start(), g.end(), Kind::Mac).prio(100));
                    }
                }
            }
            D::SepaCreditorId => {
                for m in finds(re, text, within) {
                    out.push(Cand::new(m.start(), m.end(), Kind::AccountId));
                }
            }
            D::MrnNative => {
                for c in captures(re, text, within) {
                    if let Some(g) = c.get(1) {
                        out.push(Cand::new(g.start(), g.end(), Kind::MedicalRecord));
                    }
                }
            }
            D::Mrn => {
                for c in captures(re, text, within) {
                    // a FHIR identifier whose system is a record number: "value":"U00918273"
                    if let Some(g) = c.name("fhir") {
                        out.push(Cand::new(g.start(), g.end(), Kind::MedicalRecord));
                        continue;
                    }
                    if let Some(g) = c.name("v").or(c.name("v2")).or(c.name("glued")) {
                        let v = g.as_str();
                        let digits = v.bytes().filter(u8::is_ascii_digit).count();
                        // after a bare "record", a number of a record shape: a prefix of
                        // letters and a dash ("CMH-2231907") or six digits, no year ("record
                        // 2024", "record 4412 of 9000"); not the record of a ticket system
                        // ("Problem record PRB0007781", "change record")
                        if let Some(cue) = c.name("bare") {
                            let prefixed = v.starts_with(|ch: char| ch.is_ascii_alphabetic())
                                && v.contains(['-', '/']);
                            let glued_letters = v.bytes().any(|b| b.is_ascii_alphabetic());
                            let previous = text[..cue.start()]
                                .trim_end()
                                .rsplit(|ch: char| !ch.is_alphanumeric())
                                .next()
                                .unwrap_or("")
                                .to_lowercase();
                            if !(prefixed || (digits >= 6 && !glued_letters))
                                || matches!(
                                    previous.as_str(),
                                    "problem"
                                        | "change"
                                        | "incident"
                                        | "dns"
                                        | "audit"
                                        | "log"
                                        | "service"
                                        | "request"
                                        | "config"
                                        | "configuration"
                                )
                            {
                                continue;
                            }
                        }
                        if digits >= 4 {
                            out.push(Cand::new(g.start(), g.end(), Kind::MedicalRecord));
                        }
                    }
                }
            }
            D::AwsKey
            | D::GitHub
            | D::GitLab
            | D::Slack
            | D::Stripe
            | D::GoogleKey
            | D::Jwt
            | D::VendorToken => {
                for m in finds(re, text, within) {
                    out.push(Cand::new(m.start(), m.end(), Kind::Secret));
                }
            }
            D::Pem => {
                for m in finds(re, text, within) {
                    out.push(Cand::new(m.start(), m.end(), Kind::Secret).prio(100));
                }
            }
            D::AwsSecret | D::Bearer => {
                for c in captures(re, text, within) {
                    if let Some(g) = c.get(1) {
                        if !is_placeholder_value(g.as_str()) {
                            out.push(Cand::new(g.start(), g.end(), Kind::Secret));
                        }
                    }
                }
            }
            D::DeviceSecret | D::HeaderSecret => {
                for c in captures(re, text, within) {
                    let Some(v) = c.name("v").or(c.name("q")).or(c.name("s")) else {
                        continue;
                    };
                    let inner = v.as_str();
                    // a crypt hash ("$9$hT3kL0pQ$…") is no variable
                    let hash = ["$1$", "$5$", "$6$", "$8$", "$9$"]
                        .iter()
                        .any(|p| inner.starts_with(p));
                    // "drops Authorization and X-Api-Key headers.": prose names the header
                    let word = inner
                        .trim_end_matches(['.', ','])
                        .chars()
                        .all(|c| c.is_lowercase() || c == ' ');
                    if !hash
                        && (is_placeholder_value(inner)
                            || is_credential_name(inner)
                            || word
                            || inner.starts_with(['$', '{', '<', '[']))
                    {
                        continue;
                    }
                    out.push(Cand::new(v.start(), v.end(), Kind::Secret).prio(90));
                }
            }
            D::PasswordKv => {
                for c in captures(re, text, within) {
                    let Some(g) = c.get(1) else { continue };
                    let mut s = g.start();
                    let mut e = g.end();
                    let v = g.as_str();
                    if (v.starts_with('"') || v.starts_with('\'')) && v.len() >= 2 {
                        s += 1;
                        e -= 1;
                    }
                    // in a query string ("?token=abc&page=2") the value ends at '&'
                    let m0 = c.get(0).map_or(s, |m| m.start());
                    let in_query = m0 > 0 && matches!(text.as_bytes()[m0 - 1], b'?' | b'&' | b';');
                    if in_query || !text[m0..s].contains(['=', ':']) || text[s..e].contains("&amp;")
                    {
                        if let Some(p) = text[s..e].find('&') {
                            e = s + p;
                        }
                    } else if let Some(p) = text[s..e].find("&") {
                        // "a=b&c=d" pairs are a query string even without '?'
                        if text[s + p..e].contains('=') {
                            e = s + p;
                        }
                    }
                    let inner = text.get(s..e).unwrap_or("");
                    let inner_trim = inner.trim_end_matches(['.', ')', ']', '}']);
                    e = s + inner_trim.len();
                    if inner_trim.chars().count() < 4 || is_placeholder_value(inner_trim) {
                        continue;
                    }
                    // "contains a secret: aws_secret_access_key": the name of a credential
                    if is_credential_name(inner_trim) {
                        continue;
                    }
                    // PWD=/srv is the working directory, not a password; "private_key:
                    // /etc/…/bacs_ed25519" names the file a key is in
                    let key = text[c.get(0).map_or(s, |m| m.start())..g.start()].to_lowercase();
                    if key.contains("pwd") && inner_trim.starts_with(['/', '~']) {
                        continue;
                    }
                    let path = (inner_trim.starts_with('/') || inner_trim.starts_with("~/"))
                        && inner_trim.matches('/').count() >= 2
                        && !inner_trim.contains(char::is_whitespace);
                    if path && key.contains("key") {
                        continue;
                    }
                    // "routing_key": a PagerDuty key, or an AMQP topic ("orders.created"): a
                    // key named for its use is a secret only with the look of one
                    // ("PartitionKey", "InstrumentationKey": a key of some use, named in
                    // camel case)
                    let use_named = ["routing", "integration", "account", "license", "licence"]
                        .iter()
                        .any(|k| key.contains(k))
                        || (key
                            .trim_end_matches(['"', '\'', ' ', ':', '='])
                            .ends_with("key")
                            && ![
                                "api",
                                "secret",
                                "private",
                                "access",
                                "signing",
                                "encryption",
                                "master",
                                "hmac",
                                "shared",
                            ]
                            .iter()
                            .any(|k| key.contains(k)));
                    let random_looking = inner_trim.len() >= 16
                        && inner_trim.bytes().any(|b| b.is_ascii_digit())
                        && inner_trim.bytes().any(|b| b.is_ascii_alphabetic())
                        && inner_trim.bytes().all(|b| {
                            b.is_ascii_alphanumeric()
                                || matches!(b, b'-' | b'_' | b'+' | b'/' | b'=')
                        });
                    if use_named && !random_looking {
                        continue;
                    }
                    out.push(Cand::new(s, e, Kind::Secret));
                }
            }
            D::PasswordProse => {
                for c in captures(re, text, within) {
                    // "dial … pin 882190": a conference or door code
                    if let Some(code) = c.get(2) {
                        out.push(Cand::new(code.start(), code.end(), Kind::Secret));
                        continue;
                    }
                    // "user iot_kiln2 / pass K1ln!Tem9": a bare value after the word needs
                    // the look of a password (letters, digits, and a capital or a symbol)
                    if let Some(g) = c.name("bare") {
                        let v = g.as_str().trim_end_matches(['.', ',', ')', ':', '?']);
                        let has = |f: fn(&u8) -> bool| v.bytes().any(|b| f(&b));
                        if v.len() >= 6
                            && has(u8::is_ascii_digit)
                            && has(u8::is_ascii_alphabetic)
                            && (has(u8::is_ascii_uppercase) || has(u8::is_ascii_punctuation))
                            && !looks_like_version_or_date(v)
                            && !is_placeholder_value(v)
                            && !self.is_protected_term(v)
                        {
                            out.push(Cand::new(g.start(), g.start() + v.len(), Kind::Secret));
                        }
                        continue;
                    }
                    let Some(g) = c.get(1) else { continue };
                    let v = g
                        .as_str()
                        .trim_end_matches(['.', ',', ')', ';', ':', '!', '?']);
                    let lower = v.to_lowercase();
                    let strong = v
                        .bytes()
                        .any(|b| b.is_ascii_digit() || b.is_ascii_punctuation())
                        || (v.bytes().any(|b| b.is_ascii_uppercase())
                            && v.bytes().skip(1).any(|b| b.is_ascii_uppercase()));
                    if v.len() < 4
                        || is_common_word(&lower)
                        || !strong
                        || is_placeholder_value(v)
                        || COMMON_VERBS.contains(&lower.as_str())
                    {
                        continue;
                    }
                    out.push(Cand::new(g.start(), g.start() + v.len(), Kind::Secret));
                }
            }
            D::Entropy => {
                let b = text.as_bytes();
                for m in finds(re, text, within) {
                    let (s, e) = (m.start(), m.end());
                    if s > 0
                        && matches!(
                            b[s - 1],
                            b'_' | b'+' | b'/' | b'=' | b'-' | b'.' | b':' | b'@'
                        )
                    {
                        continue;
                    }
                    if e < b.len()
                        && (b[e] == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric))
                    {
                        continue;
                    }
                    // "MPESA_PASSKEY=43b5…", "SharedAccessKey=fh4H…": the value, not its key (an
                    // '=' inside base64 is padding, at the end)
                    let v = m.as_str();
                    let s = match v.find('=') {
                        Some(k)
                            if k > 0
                                && v[k..].trim_start_matches('=').len() >= 16
                                && v[..k]
                                    .bytes()
                                    .all(|x| x.is_ascii_alphanumeric() || x == b'_')
                                && v[..k].bytes().any(|x| x.is_ascii_alphabetic()) =>
                        {
                            s + k + v[k..].len() - v[k..].trim_start_matches('=').len()
                        }
                        _ => s,
                    };
                    if high_entropy(v) {
                        out.push(Cand::new(s, e, Kind::Secret).prio(85));
                    }
                }
            }
            D::CuedSecret | D::CuedSecretNative => {
                for c in captures(re, text, within) {
                    let Some(v) = c.name("v") else { continue };
                    let value = v.as_str().trim_end_matches(['.', ':', '!', '?']);
                    // "ssh2: ED25519 SHA256:Qm3t…": a key's public fingerprint
                    let before = &text.as_bytes()[..v.start()];
                    if ["sha256:", "sha1:", "sha512:", "md5:"].iter().any(|h| {
                        before.len() >= h.len()
                            && before[before.len() - h.len()..].eq_ignore_ascii_case(h.as_bytes())
                    }) {
                        continue;
                    }
                    let line_start = text[..v.start()].rfind('\n').map_or(0, |i| i + 1);
                    let line_end = text[v.end()..]
                        .find('\n')
                        .map_or(text.len(), |i| v.end() + i);
                    if cued_secret_value(value, &text[line_start..line_end]) {
                        out.push(
                            Cand::new(v.start(), v.start() + value.len(), Kind::Secret).prio(85),
                        );
                    }
                }
            }
            D::AircraftN => {
                for m in finds(re, text, within) {
                    let s = m.as_str();
                    let digits = s.bytes().filter(u8::is_ascii_digit).count();
                    if s.len() < 4 || (!aviation && digits < 4) {
                        continue;
                    }
                    out.push(Cand::new(m.start(), m.end(), Kind::Aircraft));
                }
            }
            D::AircraftDash => {
                for m in finds(re, text, within) {
                    let s = m.as_str();
                    let Some((prefix, suffix)) = s.split_once('-') else {
                        continue;
                    };
                    let known = REG_PREFIXES.contains(&prefix)
                        || (aviation && REG_PREFIXES_AVIATION.contains(&prefix));
                    if !known || DICOM_COMMANDS.contains(&s) {
                        continue;
                    }
                    let letters = suffix.bytes().all(|b| b.is_ascii_uppercase());
                    let single = prefix.len() == 1;
                    if (single && !(letters && (3..=4).contains(&suffix.len())))
                        || (!letters && !aviation)
                    {
                        continue;
                    }
                    if !aviation && !single && suffix.len() > 3 {
                        // "CC-BY", "PR-FIX": two-letter prefixes need aviation context unless 3 letters
                        continue;
                    }
                    if !aviation && self.vocab.contains_term(s) {
                        continue;
                    }
                    out.push(Cand::new(m.start(), m.end(), Kind::Aircraft));
                }
            }
            D::AircraftOther => {
                if aviation {
                    for m in finds(re, text, within) {
                        out.push(Cand::new(m.start(), m.end(), Kind::Aircraft));
                    }
                }
            }
            D::FlightIata | D::FlightIcao => {
                if !aviation {
                    return;
                }
                let list: &[&str] = if d == D::FlightIata { IATA } else { ICAO };
                // airline codes taken as flights, and unlisted codes with a number waiting for
                // one of them: "FJR 616 was cancelled" after "Flight FJR 614"
                let mut accepted: Vec<&str> = Vec::new();
                let mut waiting: Vec<(usize, usize, &str)> = Vec::new();
                for m in finds(re, text, within) {
                    let s = m.as_str();
                    // "Revised ETD 23:05": a code before a time of day (ETD is Etihad's too)
                    let after = &text.as_bytes()[m.end()..];
                    if after.first() == Some(&b':') && after.get(1).is_some_and(u8::is_ascii_digit)
                    {
                        continue;
                    }
                    let code_len = if d == D::FlightIata { 2 } else { 3 };
                    let code = s.get(..code_len).unwrap_or("");
                    let rest = s[code_len..].trim_start();
                    // an airline code not in the list: "DZR781", written solid, with 2–4 digits,
                    // and not an abbreviation of the trade ("RWY27", "ATR72", "CRJ900")
                    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                    // "BLU 902" (a space) only with three or four digits: "ILS 28" is no flight
                    let unlisted_icao = d == D::FlightIcao
                        && if s.contains(' ') {
                            // "crew for BLU 902", not "EVT 0412" in an event log
                            let mut from = m.start().saturating_sub(40);
                            while !text.is_char_boundary(from) {
                                from += 1;
                            }
                            let before = text[from..m.start()].to_lowercase();
                            let mut to = (m.end() + 40).min(text.len());
                            while !text.is_char_boundary(to) {
                                to -= 1;
                            }
                            let after = text[m.end()..to].to_lowercase();
                            (3..=4).contains(&digits)
                                && !person::is_english_word(&code.to_lowercase())
                                && (FLIGHT_CUES.iter().any(|cue| before.contains(cue))
                                    || FLIGHT_AFTER_CUES.iter().any(|cue| after.contains(cue))
                                    || tail_or_route_follows(&text[m.end()..]))
                        } else {
                            (2..=4).contains(&digits)
                        }
                        && !AVIATION_ABBREVIATIONS.contains(&code);
                    // "TR 286 SIN-MNL", "QP902 GDL-LAX": a route of two airports after it
                    let route_after = {
                        let r = text[m.end()..].trim_start_matches([' ', '\t']).as_bytes();
                        let airport = |from: usize, len: usize| {
                            r.get(from..from + len)
                                .is_some_and(|w| w.iter().all(u8::is_ascii_uppercase))
                        };
                        let route = |len: usize| {
                            airport(0, len)
                                && r.get(len).is_some_and(|b| matches!(b, b'-' | b'/'))
                                && airport(len + 1, len)
                                && !r
                                    .get(2 * len + 1)
                                    .is_some_and(|b| b.is_ascii_alphanumeric())
                        };
                        text[m.end()..].starts_with([' ', '\t']) && (route(3) || route(4))
                    };
                    // an airline code not in the list, written solid with 2–4 digits, after
                    // "flight(s)" nearby: "Affected flights were CY4402, CY4408 and CY4416"
                    // ("CD 5127", "operating NX 114": with a space, three or four digits)
                    let unlisted_iata = d == D::FlightIata
                        && if s.contains(' ') {
                            // "ON 0649 IN 0655" (OOOI times): a word, no airline
                            (3..=4).contains(&digits)
                                && !is_common_word(&code.to_lowercase())
                                && !person::is_english_word(&code.to_lowercase())
                        } else {
                            (2..=4).contains(&digits)
                        }
                        && code.bytes().all(|b| b.is_ascii_uppercase())
                        && !AVIATION_ABBREVIATIONS.contains(&code)
                        && {
                            let mut from = m.start().saturating_sub(80);
                            while !text.is_char_boundary(from) {
                                from += 1;
                            }
                            let before = text[from..m.start()].to_lowercase();
                            let line_before = before.rsplit('\n').next().unwrap_or("");
                            FLIGHT_CUES.iter().any(|cue| line_before.contains(cue))
                        };
                    let routed = route_after
                        && (1..=4).contains(&digits)
                        && code.bytes().all(|b| b.is_ascii_uppercase())
                        && !AVIATION_ABBREVIATIONS.contains(&code);
                    let taken = list.contains(&code) || unlisted_icao || unlisted_iata || routed;
                    // the shape of a flight of an unlisted airline, no cue near
                    let may_wait = d == D::FlightIcao
                        && s.contains(' ')
                        && (3..=4).contains(&digits)
                        && code.bytes().all(|b| b.is_ascii_uppercase())
                        && !person::is_english_word(&code.to_lowercase())
                        && !AVIATION_ABBREVIATIONS.contains(&code);
                    if !taken && !may_wait {
                        continue;
                    }
                    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
                        continue;
                    }
                    // a reading and its unit ("OIL PRESS LO 22 PSI"), an engine model ("CFM56-7B")
                    let after = text[m.end()..].trim_start_matches(' ');
                    if [
                        "PSI", "psi", "KT", "kt", "FT", "ft", "NM", "LBS", "lbs", "KG", "kg", "°",
                        "%", "RPM", "rpm",
                    ]
                    .iter()
                    .any(|u| after.starts_with(u))
                        || (text[m.end()..].starts_with('-')
                            && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_alphanumeric()))
                    {
                        continue;
                    }
                    // engine models: "PW127M", "PW4168" (Pratt & Whitney, not Precision Air)
                    if code == "PW" && !s.contains(' ') {
                        continue;
                    }
                    // aircraft type designators: A320, A350, A220, B737
                    let b = s.as_bytes();
                    if b.len() == 4
                        && matches!(b[0], b'A' | b'B')
                        && b[1..].iter().all(u8::is_ascii_digit)
                        && matches!(b[1], b'2' | b'3' | b'7')
                    {
                        continue;
                    }
                    if taken {
                        accepted.push(code);
                        out.push(Cand::new(m.start(), m.end(), Kind::Flight));
                    } else {
                        waiting.push((m.start(), m.end(), code));
                    }
                }
                // "HMK 205, HMK 318 and others", "CRN 612" then "CRN 613" in a sector record:
                // one unlisted code with several numbers is an airline's (not "MTI 0100" and
                // "MTI 0110": message types of a payment protocol, with a leading zero)
                let numbers_of = |code: &str| {
                    let mut numbers: Vec<&str> = waiting
                        .iter()
                        .filter(|w| w.2 == code)
                        .map(|w| text[w.0 + code.len()..w.1].trim_start())
                        .collect();
                    numbers.sort_unstable();
                    numbers.dedup();
                    if numbers.iter().any(|n| n.starts_with('0')) {
                        0
                    } else {
                        numbers.len()
                    }
                };
                for &(start, end, code) in &waiting {
                    if accepted.contains(&code) || numbers_of(code) >= 2 {
                        out.push(Cand::new(start, end, Kind::Flight));
                    }
                }
            }
            D::FlightWord => {
                for c in captures(re, text, within) {
                    // "callsign Lakefield 71": a telephony designator and a number
                    if let Some(w) = c.name("word") {
                        out.push(Cand::new(w.start(), w.end(), Kind::Flight));
                        continue;
                    }
                    let Some(g) = c.get(1) else { continue };
                    let v = g.as_str();
                    if !v.bytes().take(3).any(|b| b.is_ascii_alphabetic())
                        || !v.bytes().any(|b| b.is_ascii_digit())
                    {
                        continue;
                    }
                    if v.bytes().take(2).any(|b| b.is_ascii_lowercase()) {
                        continue;
                    }
                    out.push(Cand::new(g.start(), g.end(), Kind::Flight));
                }
            }
            D::Callsign => {
                if aviation {
                    for m in finds(re, text, within) {
                        out.push(Cand::new(m.start(), m.end(), Kind::Flight));
                    }
                }
            }
            D::GpsDec => {
                for m in finds(re, text, within) {
                    self.gps_dec(text, m.start(), m.end(), out);
                }
            }
            D::GpsDms => {
                for m in finds(re, text, within) {
                    out.push(Cand::new(m.start(), m.end(), Kind::Gps));
                }
            }
            D::DateIso
            | D::DateDmy
            | D::DateMdy
            | D::DateNum
            | D::DateDm
            | D::DateClf
            | D::DateIntl
            | D::DateIntlDm => {
                for c in captures(re, text, within) {
                    self.date(d, text, &c, out);
                }
            }
            D::DateCjkMd => {
                for c in captures(re, text, within) {
                    let (Some(all), Some(mo)) = (c.get(0), c.name("mo")) else {
                        continue;
                    };
                    // the month of a date with its year ("2024年5月29日") is read whole by DateCjk
                    let before = text[..all.start()].trim_end_matches(' ');
                    if before.ends_with(|ch: char| ch.is_ascii_digit() || ch == '年' || ch == '년')
                    {
                        continue;
                    }
                    if let Ok(mo) = mo.as_str().parse::<usize>() {
                        out.extend(month_year_cand(all.start(), all.end(), mo, None));
                    }
                }
            }
            D::CjkAttendees => {
                for c in captures(re, text, within) {
                    let Some(v) = c.name("v") else { continue };
                    let mut at = v.start();
                    for item in v.as_str().split(['、', ',', '，', ';', '；']) {
                        let start = at + (item.len() - item.trim_start().len());
                        at += item.len() + item_separator_len(text, at + item.len());
                        // the name before its role in brackets: "田中 健一(ライン長)"
                        let name = item.trim_start();
                        let name = name[..name.find(['(', '（']).unwrap_or(name.len())].trim_end();
                        let cjk = |ch: char| matches!(ch, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '々');
                        let chars = name.chars().filter(|ch| *ch != ' ').count();
                        if (2..=8).contains(&chars)
                            && name.chars().all(|ch| cjk(ch) || ch == ' ')
                            && name.chars().next().is_some_and(cjk)
                        {
                            person::push_person(text, start, start + name.len(), facts, out);
                        }
                    }
                }
            }
            D::NoteAuthor => {
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name") else { continue };
                    let ordinary = name.as_str().split(' ').any(|w| {
                        let l = w.to_lowercase();
                        person::is_english_word(&l)
                            || is_common_word(&l)
                            || TEAM_WORDS.contains(&l.as_str())
                            || month_index(&l).is_some()
                            || person::looks_english(&l)
                    });
                    if !ordinary && !self.is_protected_term(name.as_str()) {
                        person::push_person(text, name.start(), name.end(), facts, out);
                    }
                }
            }
            D::DateCjk => {
                for c in captures(re, text, within) {
                    let (Some(all), Some(y), Some(mo)) = (c.get(0), c.name("y"), c.name("mo"))
                    else {
                        continue;
                    };
                    let (Ok(y), Ok(mo)) = (y.as_str().parse::<u32>(), mo.as_str().parse::<usize>())
                    else {
                        continue;
                    };
                    out.extend(month_year_cand(all.start(), all.end(), mo, Some(y)));
                }
            }
            D::OrgCjkSuffix => {
                let letter = |ch: char| matches!(ch as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3040..=0x30FF | 0xAC00..=0xD7A3);
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name") else { continue };
                    let rest = &text[name.end()..];
                    // a Korean particle may follow ("한빛페이는", "청람항공의"); no other letter
                    let particle = [
                        "은", "는", "이", "가", "을", "를", "의", "에서", "에", "와", "과", "로",
                        "으로", "도",
                    ]
                    .iter()
                    .any(|p| {
                        rest.strip_prefix(p)
                            .is_some_and(|r| !r.starts_with(|ch: char| letter(ch)))
                    });
                    if rest.starts_with(|ch: char| letter(ch) || ch.is_alphanumeric()) && !particle
                    {
                        continue;
                    }
                    // "本病院", "该医院", "대학교병원" alone: this or any hospital, no name
                    let v = name.as_str();
                    let head_len = CJK_ORG_SUFFIXES
                        .iter()
                        .filter(|sfx| v.ends_with(*sfx))
                        .map(|sfx| v.len() - sfx.len())
                        .min()
                        .unwrap_or(0);
                    let head = &v[..head_len];
                    if head.chars().count() < 2
                        && !head.chars().any(|ch| matches!(ch as u32, 0x3040..=0x30FF))
                        || CJK_ORG_GENERIC_HEADS.contains(&head)
                        || CJK_ORG_SUFFIXES.contains(&head)
                    {
                        continue;
                    }
                    facts.orgs.push(v.to_string());
                    out.push(
                        Cand::new(name.start(), name.end(), Kind::Org)
                            .key(normalise_key(Kind::Org, v)),
                    );
                }
            }
            D::OrgCjk => {
                for m in finds(re, text, within) {
                    out.push(
                        Cand::new(m.start(), m.end(), Kind::Org)
                            .key(normalise_key(Kind::Org, m.as_str())),
                    );
                }
            }
            D::DateShort => {
                for c in captures(re, text, within) {
                    if let Some(cand) = date_short(text, &c) {
                        out.push(cand);
                    }
                }
            }
            D::DateDdmmm => {
                for c in captures(re, text, within) {
                    let (Some(all), Some(m)) = (c.get(0), c.name("m")) else {
                        continue;
                    };
                    let year = c
                        .name("y")
                        .and_then(|y| y.as_str().parse().ok())
                        .map(full_year);
                    out.extend(
                        month_index(m.as_str())
                            .and_then(|mo| month_year_cand(all.start(), all.end(), mo, year)),
                    );
                }
            }
            D::DateCompact => {
                let b = text.as_bytes();
                for c in captures(re, text, within) {
                    let (Some(all), Some(y), Some(mo)) = (c.get(0), c.name("y"), c.name("mo"))
                    else {
                        continue;
                    };
                    let (s, e) = (all.start(), all.end());
                    // digits around it make it part of a longer number
                    if (s > 0 && b[s - 1].is_ascii_alphanumeric())
                        || b.get(e).is_some_and(u8::is_ascii_alphanumeric)
                    {
                        continue;
                    }
                    // without a time, only a date standing alone: not inside an id or a file
                    // name ("INC-20240611-0042", "fixlog-20240522.txt")
                    if c.name("t").is_none() {
                        let joined = |x: Option<&u8>| {
                            x.is_some_and(|&x| matches!(x, b'-' | b'_' | b'.' | b'/' | b':'))
                        };
                        if (s > 0 && joined(b.get(s - 1))) || joined(b.get(e)) {
                            continue;
                        }
                    }
                    let (Ok(month), Ok(year)) =
                        (mo.as_str().parse::<usize>(), y.as_str().parse::<u32>())
                    else {
                        continue;
                    };
                    out.extend(month_year_cand(s, e, month, Some(year)));
                }
            }
            D::HostInternal => {
                for m in finds(re, text, within) {
                    let (s, e) = (m.start(), m.end());
                    let b = text.as_bytes();
                    if e < b.len()
                        && (b[e] == b'-'
                            || (b[e] == b'.'
                                && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)))
                    {
                        continue;
                    }
                    if s > 0 && matches!(b[s - 1], b'@' | b'.' | b'-') {
                        continue;
                    }
                    let h = m.as_str();
                    // Kubernetes' own cluster domain names no one's machine
                    if h.eq_ignore_ascii_case("svc.cluster.local")
                        || h.eq_ignore_ascii_case("cluster.local")
                    {
                        continue;
                    }
                    // "settings.local", "foo.private" as file or attribute names: need a hyphen, digit or 3 labels
                    let labels = h.split('.').count();
                    let first = h.split('.').next().unwrap_or("");
                    if labels == 2
                        && !first.contains('-')
                        && !first.bytes().any(|c| c.is_ascii_digit())
                        && is_common_word(&first.to_lowercase())
                    {
                        continue;
                    }
                    out.push(Cand::new(s, e, Kind::Host).key(h.to_lowercase()));
                }
            }
            D::HostPublic | D::HostCcTld => {
                for m in finds(re, text, within) {
                    let (s, e) = (m.start(), m.end());
                    let b = text.as_bytes();
                    if e < b.len()
                        && (b[e] == b'-'
                            || b[e] == b'@'
                            || (b[e] == b'.'
                                && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)))
                    {
                        continue;
                    }
                    // after "ssl://", "mqtt://", "tcp://" no URL detector takes the host
                    let after_other_scheme = text[..s].strip_suffix("://").is_some_and(|before| {
                        let scheme: String = before
                            .chars()
                            .rev()
                            .take_while(|c| {
                                c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')
                            })
                            .collect::<String>()
                            .chars()
                            .rev()
                            .collect::<String>()
                            .to_ascii_lowercase();
                        !scheme.is_empty()
                            && !matches!(
                                scheme.as_str(),
                                "http" | "https" | "ftp" | "sftp" | "ws" | "wss"
                            )
                    });
                    // a wildcard certificate's name ("*.intern.example.de") and a directory
                    // named after a site ("/var/www/vhosts/example.pl/httpdocs") are hosts
                    let wildcard = s >= 2 && b[s - 1] == b'.' && b[s - 2] == b'*';
                    let site_dir = s >= 2
                        && b[s - 1] == b'/'
                        && b[s - 2].is_ascii_alphanumeric()
                        && b.get(e) == Some(&b'/');
                    if s > 0
                        && matches!(b[s - 1], b'@' | b'.' | b'-' | b'/' | b'\\')
                        && !after_other_scheme
                        && !wildcard
                        && !site_dir
                    {
                        continue;
                    }
                    let raw = m.as_str();
                    let tld = raw.rsplit('.').next().unwrap_or("");
                    if tld.bytes().any(|c| c.is_ascii_uppercase())
                        && raw.bytes().any(|c| c.is_ascii_lowercase())
                    {
                        continue; // "issues.Network": a missing space after a full stop
                    }
                    let h = raw.to_lowercase();
                    // "session.timeout.ms", "max.poll.interval.ms": a setting in milliseconds
                    if let Some(key) = h.strip_suffix(".ms") {
                        if key
                            .split('.')
                            .all(|l| l.bytes().all(|b| b.is_ascii_lowercase()))
                            && key
                                .split('.')
                                .any(|l| person::is_english_word(l) || is_common_word(l))
                        {
                            continue;
                        }
                    }
                    match self.classify_host(&h) {
                        HostClass::Keep => {}
                        HostClass::Redact(org) => {
                            if let Some(o) = org {
                                facts.orgs.push(o);
                            }
                            out.push(Cand::new(s, e, Kind::Host).key(h));
                        }
                    }
                }
            }
            D::HostEnv => {
                for m in finds(re, text, within) {
                    let (s, e) = (m.start(), m.end());
                    let b = text.as_bytes();
                    if e < b.len() && matches!(b[e], b'.' | b'/' | b'@' | b'=' | b'(') {
                        continue;
                    }
                    if s > 0 && matches!(b[s - 1], b'.' | b'/' | b'-' | b'@' | b'$' | b'{' | b'_') {
                        continue;
                    }
                    if env_host(m.as_str()) {
                        out.push(Cand::new(s, e, Kind::Host));
                    }
                }
            }
            D::HostCodes => {
                let b = text.as_bytes();
                for m in finds(re, text, within) {
                    let (st, e) = (m.start(), m.end());
                    if inside_longer_name(b, st, e) || self.vocab.contains_term(m.as_str()) {
                        continue;
                    }
                    // a code: up to four letters, then one to three digits ("dc1", "esx07")
                    let code = |p: &str| {
                        let letters = p.bytes().take_while(u8::is_ascii_lowercase).count();
                        let digits = p.len() - letters;
                        (1..=4).contains(&letters)
                            && (1..=3).contains(&digits)
                            && p.bytes().skip(letters).all(|x| x.is_ascii_digit())
                            && !matches!(
                                &p[..letters],
                                "v" | "rc"
                                    | "py"
                                    | "utf"
                                    | "sha"
                                    | "md"
                                    | "ipv"
                                    | "h"
                                    | "http"
                                    | "tls"
                                    | "s"
                            )
                    };
                    let parts: Vec<&str> = m.as_str().split('-').collect();
                    if parts.iter().filter(|p| code(p)).count() >= 2 && !is_region(m.as_str()) {
                        out.push(Cand::new(st, e, Kind::Host));
                    }
                }
            }
            D::HostSeq => {
                let b = text.as_bytes();
                for m in finds(re, text, within) {
                    let (s, e) = (m.start(), m.end());
                    if inside_longer_name(b, s, e) {
                        continue;
                    }
                    // (not a regional endpoint of a public service: "s3-ap-northeast-1")
                    let zone_host = prefixed_zone(m.as_str())
                        && m.as_str().split('-').next().is_some_and(|p| {
                            !self.vocab.contains_term(p)
                                && !matches!(
                                    p,
                                    "s3" | "ec2"
                                        | "rds"
                                        | "elb"
                                        | "sqs"
                                        | "sns"
                                        | "ecr"
                                        | "eks"
                                        | "ecs"
                                        | "kms"
                                        | "sts"
                                        | "iam"
                                        | "logs"
                                        | "monitoring"
                                        | "dynamodb"
                                        | "lambda"
                                )
                        });
                    if (seq_host(m.as_str()) || zone_host) && !self.vocab.contains_term(m.as_str())
                    {
                        out.push(Cand::new(s, e, Kind::Host));
                    }
                }
            }
            D::HostIp | D::HostInstance | D::HostK8s | D::HostNum | D::HostDevice => {
                for m in finds(re, text, within) {
                    let b = text.as_bytes();
                    if m.end() < b.len()
                        && matches!(b[m.end()], b'.' | b'-')
                        && b.get(m.end() + 1).is_some_and(u8::is_ascii_alphanumeric)
                    {
                        continue;
                    }
                    if self.vocab.contains_term(m.as_str()) {
                        continue;
                    }
                    let mut start = m.start();
                    while start > 1 && b[start - 1] == b'-' && b[start - 2].is_ascii_alphanumeric()
                    {
                        let mut k = start - 1;
                        while k > 0 && b[k - 1].is_ascii_alphanumeric() {
                            k -= 1;
                        }
                        start = k;
                    }
                    out.push(Cand::new(start, m.end(), Kind::Host));
                }
            }
            D::SchemeHost => {
                for c in captures(re, text, within) {
                    let Some(h) = c.name("h") else { continue };
                    let lower = h.as_str().to_lowercase();
                    // addresses are the IP detectors'; localhost is kept by `classify_host`
                    if lower.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                        || (!lower.contains('.')
                            && (is_common_word(&lower)
                                || person::is_english_word(&lower)
                                || self.is_protected_term(&lower)))
                        || matches!(self.classify_host(&lower), HostClass::Keep)
                    {
                        continue;
                    }
                    // a bucket of an object store: the address as a whole ("s3://acme-wal")
                    let all_start = c.get(0).map_or(h.start(), |m| m.start());
                    let scheme = text[all_start..h.start()]
                        .trim_end_matches("://")
                        .to_lowercase();
                    if matches!(
                        scheme.as_str(),
                        "s3" | "gs" | "s3a" | "s3n" | "abfs" | "abfss" | "wasb" | "wasbs"
                    ) {
                        // with the object's path, as a URL with its path
                        let path: usize = text[h.end()..]
                            .find(|ch: char| {
                                ch.is_whitespace()
                                    || matches!(ch, '<' | '>' | '"' | '\'' | '`' | ',' | ';' | ')')
                            })
                            .unwrap_or(text.len() - h.end());
                        let end = h.end()
                            + text[h.end()..h.end() + path]
                                .trim_end_matches(['.', ':'])
                                .len();
                        out.push(
                            Cand::new(all_start, end, Kind::Url)
                                .key(text[all_start..end].to_lowercase()),
                        );
                        continue;
                    }
                    out.push(Cand::new(h.start(), h.end(), Kind::Host).key(lower));
                }
            }
            D::PnrName => {
                // "MAHLANGU/NOMVULA MS", "CREW COOPER/ADEBISI": airline records write names
                // SURNAME/GIVEN; a title after them or a listed name makes it one
                if !aviation {
                    return;
                }
                for c in captures(re, text, within) {
                    let (Some(sn), Some(gn), Some(all)) = (c.name("sn"), c.name("gn"), c.get(0))
                    else {
                        continue;
                    };
                    let (sl, gl) = (sn.as_str().to_lowercase(), gn.as_str().to_lowercase());
                    let wordish = |w: &str| {
                        is_common_word(w)
                            || person::is_english_word(w)
                            || self.vocab.contains_term(w)
                            || self.is_protected_term(w)
                    };
                    let listed = LISTS.surnames.contains(&sl)
                        || LISTS.given.contains(&gl)
                        || LISTS.given_common.contains(&gl);
                    let titled = c.name("t").is_some();
                    if sl.len() < 3
                        || gl.len() < 3
                        || (wordish(&sl) && wordish(&gl))
                        || !(titled || listed)
                        || text[all.end()..].starts_with(['/', '-'])
                        || text[..all.start()].ends_with(['/', '-', '.'])
                    {
                        continue;
                    }
                    push_person_span(text, sn.start(), gn.end(), out);
                }
            }
            D::AtcCallsign => {
                if !aviation {
                    return;
                }
                let mut callsigns: Vec<&str> = Vec::new();
                for c in captures(re, text, within) {
                    let Some(cs) = c.name("cs") else { continue };
                    let word = cs.as_str().split(' ').next().unwrap_or("");
                    // "RUNWAY 27" as "Runway 27"
                    let mut first = String::with_capacity(word.len());
                    for (i, ch) in word.chars().enumerate() {
                        if i == 0 {
                            first.push(ch);
                        } else {
                            first.extend(ch.to_lowercase());
                        }
                    }
                    // "TWR: Runway 27 is closed": an instruction, not a callsign
                    if matches!(
                        first.as_str(),
                        "Runway"
                            | "Wind"
                            | "Traffic"
                            | "Climb"
                            | "Descend"
                            | "Turn"
                            | "Contact"
                            | "Hold"
                            | "Line"
                            | "Taxi"
                            | "Cleared"
                            | "Roger"
                            | "Stop"
                            | "Go"
                            | "Maintain"
                            | "Squawk"
                            | "Expect"
                            | "Report"
                            | "All"
                            | "Attention"
                            | "Information"
                            | "Flight"
                            | "Level"
                            | "Heading"
                            // airside vehicles are called by the tower too ("Tug 12")
                            | "Tug"
                            | "Tow"
                            | "Truck"
                            | "Vehicle"
                            | "Car"
                            | "Fire"
                            | "Rescue"
                            | "Follow"
                            | "Sweeper"
                            | "Bus"
                            | "Fuel"
                            | "Works"
                            | "Ops"
                            | "Bird"
                            | "Marshaller"
                            | "Ambulance"
                            | "Police"
                            | "Security"
                            | "Airside"
                    ) {
                        continue;
                    }
                    out.push(Cand::new(cs.start(), cs.end(), Kind::Flight).prio(85));
                    callsigns.push(cs.as_str());
                }
                // the pilot's readbacks name the callsign too ("SKYLARK 418: descending …,
                // SKYLARK 418"): every mention of one the controller called
                callsigns.sort_unstable();
                callsigns.dedup();
                for cs in callsigns {
                    for (at, _) in text.match_indices(cs) {
                        let end = at + cs.len();
                        let bounded = !text[..at].ends_with(|c: char| c.is_alphanumeric())
                            && !text[end..].starts_with(|c: char| c.is_alphanumeric());
                        let inside =
                            within.is_none_or(|w| w.iter().any(|&(a, z)| a <= at && end <= z));
                        if bounded && inside {
                            out.push(Cand::new(at, end, Kind::Flight).prio(85));
                        }
                    }
                }
            }
            D::GcpProject => {
                for c in captures(re, text, within) {
                    let Some(p) = c.name("p") else { continue };
                    let v = p.as_str();
                    // Google's own sample projects and ids that are only words are no identity
                    if matches!(
                        v,
                        "my-project" | "project-id" | "your-project" | "example-project"
                    ) || (!v.contains('-') && is_common_word(v))
                    {
                        continue;
                    }
                    out.push(Cand::new(p.start(), p.end(), Kind::Host).key(v.to_string()));
                }
            }
            D::HostCue => {
                for c in captures(re, text, within) {
                    let Some(h) = c.name("h") else { continue };
                    let v = h.as_str();
                    let head = v.split('-').next().unwrap_or(v);
                    let next = text[h.end()..].chars().next();
                    // a name with a number in it, not a code ("ISO-8583", "RFC-1918"), a
                    // version ("TLS-1.2") or a word pair ("switch-over")
                    if !v.bytes().any(|b| b.is_ascii_digit())
                        || CODE_PREFIXES.contains(&head.to_ascii_uppercase().as_str())
                        || next.is_some_and(|ch| ch == '.' || ch == '/')
                            && text[h.end() + 1..]
                                .starts_with(|ch: char| ch.is_ascii_alphanumeric())
                        || self.is_protected_term(v)
                        || self.is_protected_term(head)
                    {
                        continue;
                    }
                    let lower = v.to_lowercase();
                    out.push(Cand::new(h.start(), h.end(), Kind::Host).key(lower));
                }
            }
            D::HostCtx => {
                for c in captures(re, text, within) {
                    let Some(g) = c.get(1) else { continue };
                    let v = g.as_str();
                    let lower = v.to_lowercase();
                    let plain = v.bytes().all(|b| b.is_ascii_alphabetic());
                    if lower == "localhost"
                        || is_common_word(&lower)
                        || self.is_protected_term(v)
                        || v.parse::<std::net::Ipv4Addr>().is_ok()
                        || (plain
                            && (v.starts_with(|c: char| c.is_ascii_uppercase())
                                || person::looks_english(&lower)))
                    {
                        continue;
                    }
                    if let HostClass::Keep = self.classify_host(&lower) {
                        if lower.contains('.') {
                            continue;
                        }
                    }
                    out.push(Cand::new(g.start(), g.end(), Kind::Host).key(lower));
                }
            }
            D::HostFqdn => {
                for c in captures(re, text, within) {
                    let Some(all) = c.get(0) else { continue };
                    let v = all.as_str();
                    let lower = v.to_lowercase();
                    let last = lower.rsplit('.').next().unwrap_or("");
                    // files, code and settings: "config2.prod.yaml", "log4j2.appender.file"
                    let prev = text[..all.start()].chars().next_back();
                    let next = text[all.end()..].chars().next();
                    // "psycopg2.errors.DeadlockDetected", "boto3.session.Session": code
                    let mixed_case = v.split('.').any(|l| {
                        l.bytes().any(|b| b.is_ascii_uppercase())
                            && l.bytes().any(|b| b.is_ascii_lowercase())
                    });
                    let first = c.name("first").map_or("", |f| f.as_str());
                    if FILE_EXTENSIONS.contains(&last)
                        || mixed_case
                        || self.vocab.contains_term(first)
                        || CODE_MODULES_WITH_DIGITS.contains(&first.to_lowercase().as_str())
                        || prev.is_some_and(|ch| matches!(ch, '.' | '/' | '\\' | '_' | '@'))
                        || next.is_some_and(|ch| matches!(ch, '(' | '_'))
                        || self.is_protected_term(v)
                        || matches!(self.classify_host(&lower), HostClass::Keep)
                    {
                        continue;
                    }
                    out.push(Cand::new(all.start(), all.end(), Kind::Host).key(lower));
                }
            }
            D::MachineName => {
                for c in captures(re, text, within) {
                    let Some(h) = c.name("h") else { continue };
                    let v = h.as_str();
                    let parts: Vec<&str> = v.split('-').collect();
                    // words that also name instrument tags or ports ("LT-201" is a level
                    // transmitter) count only in names of three parts
                    let weak = |p: &str| {
                        matches!(
                            p,
                            "LT" | "NB" | "TS" | "FS" | "SW" | "POS" | "TERM" | "CLIENT" | "PRT"
                        )
                    };
                    let machine = parts.iter().any(|p| {
                        (MACHINE_WORDS.contains(p) && (!weak(p) || parts.len() >= 3))
                            || MACHINE_WORDS.iter().any(|w| {
                                p.strip_prefix(w).is_some_and(|rest| {
                                    !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
                                })
                            })
                    });
                    let first = parts.first().copied().unwrap_or("");
                    let after = &text[h.end()..];
                    let before = text[..h.start()].trim_end();
                    // no machine word in it, but a machine named just before: "workstations
                    // BCA-ICU-01 and BCA-3N-01", "kiosk KIOSK-ED-04"
                    // "SAA-PRD-01", "RPT-WIN-05": an environment or platform among three
                    // parts ending in a number
                    let machine = machine
                        || (parts.len() >= 3
                            && parts.last().is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
                            // not first ("DEV-2025-0412" is a deviation record)
                            && parts.iter().skip(1).any(|p| {
                                matches!(
                                    *p,
                                    "PRD" | "PROD" | "UAT" | "DEV" | "TST" | "STG" | "QA" | "DR"
                                        | "WIN" | "LNX" | "CLU" | "HIST"
                                )
                            })
                            && !parts.iter().any(|p| {
                                p.len() == 4 && (p.starts_with("19") || p.starts_with("20"))
                            }));
                    let machine = machine || {
                        let mut from = h.start().saturating_sub(48);
                        while !text.is_char_boundary(from) {
                            from += 1;
                        }
                        let near = text[from..h.start()].to_lowercase();
                        parts.len() >= 3
                            && v.bytes().last().is_some_and(|b| b.is_ascii_digit())
                            && !is_region(&v.to_lowercase())
                            && MACHINE_CONTEXT.iter().any(|w| near.contains(w))
                    };
                    // "U-SQL" is a language; "Tracking ID CT05-PC0" a reference
                    let numbered = v.bytes().any(|b| b.is_ascii_digit()) || parts.len() >= 3;
                    // "Ticket: CLIN-APP-3391", "see case OPS-SRV-10442": a ticket's key
                    let ticket_cue = {
                        let w = before
                            .trim_end_matches([':', '#', ' '])
                            .rsplit([' ', '\n', '\t', '('])
                            .next()
                            .unwrap_or("")
                            .to_lowercase();
                        matches!(
                            w.as_str(),
                            "ticket"
                                | "case"
                                | "issue"
                                | "incident"
                                | "change"
                                | "request"
                                | "problem"
                                | "story"
                                | "task"
                                | "bug"
                                | "epic"
                                | "jira"
                                | "ref"
                                | "reference"
                                | "inc"
                                | "chg"
                                | "ritm"
                                | "req"
                        )
                    };
                    if !machine
                        || !numbered
                        || ticket_cue
                        || before.ends_with("ID")
                        || before.ends_with("ID:")
                        || before.ends_with('#')
                        || CODE_PREFIXES.contains(&first)
                        || parts.len() < 2
                        // "SAA-PRD-01.example" or a path goes to other detectors; a full
                        // stop ends the sentence
                        || after.starts_with('/')
                        || (after.starts_with('.') && after[1..].starts_with(|ch: char| ch.is_alphanumeric()))
                        || self.is_protected_term(v)
                    {
                        continue;
                    }
                    out.push(Cand::new(h.start(), h.end(), Kind::Host).key(v.to_lowercase()));
                }
            }
            D::SyslogHost | D::SshHost | D::MachineAccount | D::DhcpHost => {
                for c in captures(re, text, within) {
                    let Some(h) = c.name("h") else { continue };
                    let v = h.as_str();
                    let lower = v.to_lowercase();
                    if lower == "localhost"
                        || matches!(
                            lower.as_str(),
                            "info"
                                | "warn"
                                | "warning"
                                | "error"
                                | "debug"
                                | "trace"
                                | "fatal"
                                | "kernel"
                        )
                        || is_common_word(&lower)
                        || self.is_protected_term(v)
                        || lower.parse::<std::net::IpAddr>().is_ok()
                    {
                        continue;
                    }
                    out.push(Cand::new(h.start(), h.end(), Kind::Host).key(lower));
                }
            }
            D::HomePath | D::WinPath | D::TildePath => {
                for c in captures(re, text, within) {
                    let Some(g) = c.get(1) else { continue };
                    // "/home/dashboard." ends a sentence
                    let u = g.as_str().trim_end_matches(['.', '-']);
                    let lower = u.to_lowercase();
                    // "/home/dashboard" among a site's routes, "/home/deploy": an English word
                    // that is nobody's name is a page or a service account
                    let word = person::is_english_word(&lower)
                        && !LISTS.given.contains(&lower)
                        && !LISTS.given_common.contains(&lower)
                        && !LISTS.surnames.contains(&lower);
                    if SYSTEM_ACCOUNTS.contains(&lower.as_str())
                        || u.starts_with('[')
                        || u == "*"
                        || u.starts_with('$')
                        || u.starts_with('%')
                        || word
                        || u.is_empty()
                    {
                        continue;
                    }
                    out.push(Cand::new(g.start(), g.start() + u.len(), Kind::Username).key(lower));
                }
            }
            D::UserCtx => {
                for c in captures(re, text, within) {
                    let (Some(trig), Some(sep), Some(quote), Some(g)) =
                        (c.get(1), c.get(2), c.get(3), c.get(4))
                    else {
                        continue;
                    };
                    // "CORP\tnakashima": the account, without its domain
                    let (g_start, raw) = match g.as_str().rsplit_once('\\') {
                        Some((domain, user)) => (g.start() + domain.len() + 1, user),
                        None => (g.start(), g.as_str()),
                    };
                    let u = raw.trim_end_matches(['.', '-']);
                    // "user: uid=RDR-5521093": the word is the next key, not a login
                    if text[g_start + u.len()..].starts_with('=') {
                        continue;
                    }
                    let lower = u.to_lowercase();
                    let trig_l = trig.as_str().to_lowercase();
                    let by = trig_l == "by" || trig_l.ends_with(" by");
                    let explicit = sep.as_str().contains([':', '=']) || !quote.as_str().is_empty();
                    let handle_like = u
                        .bytes()
                        .any(|b| b.is_ascii_digit() || b == b'.' || b == b'_');
                    // "approved by the team", "by Kubernetes": only handles after "by"
                    // "<verb> by jfleury": a lowercase word that is no English and no technology
                    let verb_by = matches!(
                        trig_l.split(' ').next().unwrap_or(""),
                        "corrected"
                            | "fixed"
                            | "reviewed"
                            | "edited"
                            | "entered"
                            | "approved"
                            | "acknowledged"
                            | "acked"
                            | "requested"
                            | "changed"
                            | "modified"
                            | "signed"
                            | "verified"
                            | "checked"
                            | "performed"
                            | "posted"
                            // people open issues and merge changes; systems also trigger,
                            // create and deploy ("triggered by kubelet")
                            | "opened"
                            | "merged"
                    ) && trig_l.ends_with(" by")
                        && u.len() >= 5
                        // "thanh-lehoang", not "check-in": no part an English word
                        && u.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                        && u.split('-').all(|p| p.len() >= 2 && !person::is_english_word(p))
                        && !person::is_english_word(&lower)
                        && !person::looks_english(&lower)
                        && !self.is_protected_term(u);
                    if by && !(handle_like || explicit && u.len() >= 4 || verb_by) {
                        continue;
                    }
                    // "charge nurse: telemetry", "hosted by VisualStudio.com", "by retrying.Next",
                    // "Caused by: java.lang.ArithmeticException"
                    let dotted_word = u.rsplit_once('.').is_some_and(|(_, after)| {
                        after.starts_with(|c: char| c.is_uppercase())
                            && after.chars().any(char::is_lowercase)
                    });
                    // "nurse informaticist": after a bare space, a word that looks English or
                    // names a trade
                    let english_like = !explicit
                        && !handle_like
                        && u.bytes().all(|b| b.is_ascii_lowercase())
                        && (person::looks_english(&lower)
                            || (u.len() >= 8
                                && (lower.ends_with("ist") || lower.ends_with("ician"))));
                    // "triggered by max.poll.interval.ms": a setting's name, its parts
                    // English words
                    let setting = lower.matches('.').count() >= 2
                        && !lower.bytes().any(|b| b.is_ascii_digit())
                        && lower
                            .split('.')
                            .filter(|p| {
                                p.len() >= 4
                                    && person::is_english_word(p)
                                    && !LISTS.given.contains(*p)
                                    && !LISTS.surnames.contains(*p)
                            })
                            .count()
                            >= 2;
                    if (person::is_english_word(&lower) && !handle_like)
                        || english_like
                        || dotted_word
                        || setting
                        || lower
                            .rsplit_once('.')
                            .is_some_and(|(_, tld)| WEB_TLDS.contains(&tld))
                    {
                        continue;
                    }
                    // all-capitals accounts of plant and mainframe systems: "operator=RMALIK"
                    let caps_account = u.len() >= 5
                        && u.bytes()
                            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"._-".contains(&b))
                        && u.bytes().filter(u8::is_ascii_uppercase).count() >= 4
                        && (explicit
                            || matches!(
                                trig_l.as_str(),
                                "user"
                                    | "operator"
                                    | "by operator"
                                    | "nurse"
                                    | "userid"
                                    | "tso id"
                                    | "racf id"
                            ))
                        && !person::is_english_word(&lower)
                        && !self.is_protected_term(u)
                        // "Account Name: NYC-DC-01$": a computer's account, a host
                        && !text[g_start + u.len()..].starts_with('$');
                    if caps_account {
                        out.push(Cand::new(g_start, g_start + u.len(), Kind::Username).key(lower));
                        continue;
                    }
                    if u.len() < 2
                        || SYSTEM_ACCOUNTS.contains(&lower.as_str())
                        || is_common_word(&lower)
                        || self.is_protected_term(u)
                        || COMMON_VERBS.contains(&lower.as_str())
                    {
                        continue;
                    }
                    let trig = trig_l;
                    // "account='xy12345.eu-central-1'" names a cloud account, not a person's login
                    if trig == "account" && explicit {
                        continue;
                    }
                    let strong_trigger = matches!(
                        trig.as_str(),
                        "logged in as" | "signed in as" | "as user" | "sudo -u" | "su -" | "sudo:"
                    ) || trig.starts_with("ssh")
                        || trig.contains(" for")
                        || trig.ends_with(" user");
                    // "Owner: Omar Oliveira", "Reported by: Hye-jin Choi" is a person: leave
                    // capitalised names to the name detector
                    if u.chars().next().is_some_and(char::is_uppercase)
                        && u.chars()
                            .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '’'))
                    {
                        continue;
                    }
                    // "operator hmwakasege", "User ekrasniqi", "corrected by jfleury": a lowercase
                    // word that is no English after a word that names an account
                    let account_cue = matches!(
                        trig.as_str(),
                        "user"
                            | "username"
                            | "user id"
                            | "operator"
                            | "actor"
                            | "analyst"
                            | "by user"
                            | "by operator"
                            | "driver"
                            | "nurse"
                            | "technician"
                            | "signed"
                            | "signed by"
                            | "signed off by"
                            | "ack"
                            | "acked"
                            | "acked by"
                            | "acknowledged by"
                    ) || trig.ends_with(" by user")
                        || trig.ends_with(" by operator")
                        || trig.ends_with("_by");
                    let after_u = &text[g_start + u.len()..];
                    let lowercase_handle = u.len() >= 4
                        && u.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
                        && !person::looks_english(&lower)
                        && !person::is_english_word(&lower)
                        // "shouldn’t", "check-in", "timeout", "installer": words, not accounts
                        && !after_u.starts_with(['\'', '’'])
                        && !english_compound(&lower);
                    let looks = u
                        .bytes()
                        .any(|b| b.is_ascii_digit() || b == b'.' || b == b'_')
                        || LISTS.given.contains(&lower)
                        || ((account_cue || verb_by) && lowercase_handle);
                    if !(strong_trigger || explicit || looks) {
                        continue;
                    }
                    if !u.bytes().any(|b| b.is_ascii_lowercase()) {
                        continue;
                    }
                    out.push(Cand::new(g_start, g_start + u.len(), Kind::Username).key(lower));
                }
            }
            D::CliCredentials => {
                for c in captures(re, text, within) {
                    let (Some(u), Some(p)) = (c.name("u"), c.name("p")) else {
                        continue;
                    };
                    if !is_placeholder_value(u.as_str()) && !self.is_placeholder(u.as_str()) {
                        out.push(
                            Cand::new(u.start(), u.end(), Kind::Username)
                                .key(normalise_key(Kind::Username, u.as_str())),
                        );
                    }
                    // "-u $USER:$TOKEN": variables, no secret
                    if !is_placeholder_value(p.as_str()) && !self.is_placeholder(p.as_str()) {
                        out.push(Cand::new(p.start(), p.end(), Kind::Secret).prio(90));
                    }
                }
            }
            D::Unc => {
                for m in finds(re, text, within) {
                    out.push(Cand::new(m.start(), m.end(), Kind::Path));
                }
            }
            D::AddrUs | D::AddrDe | D::AddrFr | D::AddrLatin | D::PoBox => {
                for m in finds(re, text, within) {
                    // "Expiring 37 record(s)", "Spring 6": an English word that ends like a
                    // German street ("-ring", "-weg") is none
                    if d == D::AddrDe {
                        let word = m.as_str().split([' ', '\t']).next().unwrap_or("");
                        if person::is_english_word(&word.to_lowercase()) {
                            continue;
                        }
                    }
                    out.push(Cand::new(m.start(), m.end(), Kind::Address));
                }
            }
            D::AddrLine => {
                // every address of the pattern holds a comma: lines with a year or a port and
                // no comma (most log lines) are not searched
                let with_comma: Option<Vec<(usize, usize)>> = within.map(|w| {
                    w.iter()
                        .copied()
                        .filter(|&(a, z)| text.get(a..z).is_some_and(|l| l.contains(',')))
                        .collect()
                });
                let within = with_comma.as_deref();
                if within.is_some_and(<[(usize, usize)]>::is_empty) {
                    return;
                }
                for c in captures(re, text, within) {
                    if let (Some(m), Some(end)) = (c.get(0), self.address_line_end(text, &c)) {
                        out.push(Cand::new(m.start(), end, Kind::Address));
                    }
                }
            }
            D::Postcode => {
                for m in finds(re, text, within) {
                    let s = m.as_str();
                    if self
                        .vocab
                        .contains_term(s.split_whitespace().next().unwrap_or(""))
                    {
                        continue;
                    }
                    out.push(Cand::new(m.start(), m.end(), Kind::Address));
                }
            }
            D::Legal => {
                for c in captures(re, text, within) {
                    self.legal(text, &c, facts, out);
                }
            }
            D::OrgNoun => {
                for c in captures(re, text, within) {
                    self.org_noun(text, &c, facts, out);
                }
            }
            D::Codename => {
                for c in captures(re, text, within) {
                    let Some(g) = c.get(1) else { continue };
                    let v = g.as_str();
                    let lower = v.to_lowercase();
                    if is_common_word(&lower)
                        || self.is_protected_term(v)
                        || COMMON_VERBS.contains(&lower.as_str())
                        || PROJECT_WORDS.contains(&lower.as_str())
                    {
                        continue;
                    }
                    facts.orgs.push(lower.clone());
                    // "Project Bluefin" names the project as a whole: a capitalised cue right
                    // before the name goes with it (the key stays the name, so a later
                    // "Bluefin" gets the same placeholder)
                    let cue_start = c.get(0).map_or(g.start(), |m| m.start());
                    let between = text.get(cue_start..g.start()).unwrap_or("");
                    let start = if between.starts_with(char::is_uppercase)
                        && between
                            .trim_end_matches([' ', '\t'])
                            .chars()
                            .all(char::is_alphabetic)
                    {
                        cue_start
                    } else {
                        g.start()
                    };
                    out.push(Cand::new(start, g.end(), Kind::Org).key(normalise_key(Kind::Org, v)));
                }
            }
            D::Hl7Pid => {
                for m in finds(re, text, within) {
                    hl7_pid(text, m.start(), m.end(), facts, out);
                }
            }
            D::Hl7Staff => {
                for m in finds(re, text, within) {
                    let mut at = m.start();
                    for field in m.as_str().split(['|', '~']) {
                        let start = at;
                        at += field.len() + 1;
                        let comps: Vec<&str> = field.split('^').collect();
                        let [id, family, given, ..] = comps.as_slice() else {
                            continue;
                        };
                        let name_part = |w: &str| {
                            w.len() >= 2
                                && w.chars()
                                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | ' '))
                                && w.chars().next().is_some_and(char::is_uppercase)
                                && !self.is_protected_term(w)
                                && !self.vocab.contains_term(&w.to_lowercase())
                        };
                        // an identifier of letters and digits with at least one digit
                        let staff_id = !id.is_empty()
                            && id.len() <= 20
                            && id.bytes().all(|b| b.is_ascii_alphanumeric())
                            && id.bytes().any(|b| b.is_ascii_digit());
                        if staff_id && name_part(family) && name_part(given) {
                            let end = start + id.len() + 1 + family.len() + 1 + given.len();
                            push_person_span(text, start, end, out);
                        }
                    }
                }
            }
            D::Hl7Msh => {
                // sending and receiving facility of an HL7 message header
                for c in captures(re, text, within) {
                    for g in [c.name("f1"), c.name("f2")].into_iter().flatten() {
                        let v = g.as_str().trim();
                        if v.len() >= 3
                            && v.bytes().any(|b| b.is_ascii_alphabetic())
                            && !self.is_protected_term(v)
                        {
                            let start =
                                g.start() + (g.as_str().len() - g.as_str().trim_start().len());
                            out.push(
                                Cand::new(start, start + v.len(), Kind::Org)
                                    .key(normalise_key(Kind::Org, v)),
                            );
                        }
                    }
                }
            }
            D::PersonPn => {
                // HL7 / DICOM person names: FAMILY^GIVEN^MIDDLE
                for m in finds(re, text, within) {
                    let v = m.as_str().trim_end_matches('^');
                    let mut parts = v.split('^');
                    let family = parts.next().unwrap_or("").to_lowercase();
                    let given = parts.next().unwrap_or("").to_lowercase();
                    // "ED^BAY3", "Potassium^LN": a location or a coded test, not a name
                    let name_part = |p: &str, listed: bool| {
                        p.chars().count() >= 2
                            && !is_common_word(p)
                            && (listed || !person::is_english_word(p))
                    };
                    // "00482913^^^SBUH^MR": an identifier's assigning authority and type code
                    let id_type = matches!(
                        given.as_str(),
                        "mr" | "mrn"
                            | "pi"
                            | "pt"
                            | "pn"
                            | "an"
                            | "ss"
                            | "dl"
                            | "ni"
                            | "prn"
                            | "epi"
                            | "hc"
                            | "nh"
                            | "jhn"
                    ) || text[..m.start()].ends_with("^^^");
                    if id_type
                        || self.is_protected_term(&family)
                        || family.chars().count() < 3
                        || !name_part(&family, LISTS.surnames.contains(&family))
                        || !name_part(
                            &given,
                            LISTS.given.contains(&given) || LISTS.given_common.contains(&given),
                        )
                    {
                        continue;
                    }
                    push_person_span(text, m.start(), m.start() + v.len(), out);
                }
            }
            D::OrgKv => {
                for c in captures(re, text, within) {
                    let Some(g) = c.name("q").or(c.name("s")).or(c.name("bare")) else {
                        continue;
                    };
                    // "opcua-client: BadSecureChannelClosed": the end of a component's name, no key
                    // (a header's "X-Client:" still is one)
                    if c.get(0).is_some_and(|m| component_suffix(text, m.start())) {
                        continue;
                    }
                    let v = g.as_str().trim().trim_end_matches(['.', ',']);
                    let lower = v.to_lowercase();
                    let bare = c.name("bare").is_some();
                    let words_english = lower
                        .split(|ch: char| !ch.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .all(|w| person::is_english_word(w) || is_common_word(w));
                    // "site = RWY09_LOC": an identifier of the trade, not a name
                    let code_like = v.contains('_')
                        && !v.contains(' ')
                        && v.bytes().any(|b| b.is_ascii_digit());
                    // "Customer: Mr. Chibuike": a title, and a person after it
                    let title = person::TITLES.contains(&lower.trim_end_matches('.'));
                    if v.is_empty()
                        || code_like
                        || title
                        || !v.bytes().any(|b| b.is_ascii_alphabetic())
                        || self.is_protected_term(v)
                        || is_region(&lower)
                        || matches!(
                            lower.as_str(),
                            "true"
                                | "false"
                                | "none"
                                | "null"
                                | "yes"
                                | "no"
                                | "n/a"
                                | "unknown"
                                | "default"
                        )
                        || (bare && !v.bytes().any(|b| b.is_ascii_uppercase()) && words_english)
                        || (bare
                            && v.starts_with(|ch: char| ch.is_uppercase())
                            && words_english
                            && !v.contains(['-', '_']))
                        || self.is_placeholder(v)
                    {
                        continue;
                    }
                    // "Engineer on site: Karthik Subramaniam": a first name before a capitalised
                    // word begins a person's name
                    if bare
                        && LISTS.given.contains(&lower)
                        && text[g.end()..]
                            .strip_prefix(' ')
                            .is_some_and(|r| r.starts_with(|ch: char| ch.is_uppercase()))
                    {
                        continue;
                    }
                    let start = g.start() + (g.as_str().len() - g.as_str().trim_start().len());
                    out.push(
                        Cand::new(start, start + v.len(), Kind::Org)
                            .key(normalise_key(Kind::Org, v)),
                    );
                }
            }
            D::FixCompId => {
                // FIX sessions name both firms: "SenderCompID=ALDERQUAY_EQ", "49=ORVL|56=BRKX"
                for c in captures(re, text, within) {
                    let Some(v) = c.name("v") else { continue };
                    let value = v.as_str().trim_end_matches(['.', '-']);
                    // roles, not firms: "49=OMS|56=EXCH"
                    let generic = matches!(
                        value.to_ascii_uppercase().as_str(),
                        "OMS"
                            | "EMS"
                            | "OEMS"
                            | "EXCH"
                            | "EXCHANGE"
                            | "BROKER"
                            | "CLIENT"
                            | "SERVER"
                            | "GATEWAY"
                            | "GW"
                            | "TEST"
                            | "SIM"
                            | "FIXSIM"
                            | "ACCEPTOR"
                            | "INITIATOR"
                            | "BUYSIDE"
                            | "SELLSIDE"
                            | "VENUE"
                            | "CLEARING"
                            | "CCP"
                            | "DESK"
                            | "ALGO"
                            | "SOR"
                            | "MD"
                            | "FEED"
                            | "UAT"
                            | "PROD"
                            | "DEMO"
                    );
                    if value.len() < 3
                        || generic
                        || self.is_protected_term(value)
                        || is_placeholder_value(value)
                    {
                        continue;
                    }
                    out.push(
                        Cand::new(v.start(), v.start() + value.len(), Kind::Org)
                            .key(value.to_lowercase()),
                    );
                }
            }
            D::SwiftHeader => {
                // the sending and receiving banks of a SWIFT message: "{1:F01KNMTGB2LAXXX…}",
                // "{2:I103WNBKDEHHXXXXN}" (BIC plus logical terminal)
                for c in captures(re, text, within) {
                    for g in [c.name("b1"), c.name("b2")].into_iter().flatten() {
                        out.push(
                            Cand::new(g.start(), g.end(), Kind::Org).key(g.as_str().to_lowercase()),
                        );
                    }
                }
            }
            D::SwiftParty => {
                // ":50K:/GB59…\nHARGREAVES MARINE SUPPLIES LTD", ":59:/DE79…\nWERFT NORDLICHT
                // GMBH": the ordering customer, the beneficiary and their banks, by name
                for c in captures(re, text, within) {
                    let Some(g) = c.name("name") else { continue };
                    let v = g.as_str().trim_end();
                    if v.len() < 3 || !v.chars().any(char::is_alphabetic) || self.is_placeholder(v)
                    {
                        continue;
                    }
                    out.push(
                        Cand::new(g.start(), g.start() + v.len(), Kind::Org)
                            .key(normalise_key(Kind::Org, v)),
                    );
                }
            }
            D::Pnr => {
                // an airline booking's record locator: "PNR K7QX2M", "pnr=L4W9QT"
                for c in captures(re, text, within) {
                    // a baggage message (IATA BSM): ".N/" the bag tag number and a count of
                    // bags, ".L/" the booking's record locator
                    if let (Some(tag), Some(count)) = (c.name("tag"), c.name("count")) {
                        out.push(Cand::new(tag.start(), count.end(), Kind::AccountId));
                        continue;
                    }
                    let Some(v) = c.name("v").or(c.name("bsm")) else {
                        continue;
                    };
                    let code = v.as_str();
                    if code.bytes().any(|b| b.is_ascii_alphabetic())
                        && !code.bytes().all(|b| b.is_ascii_alphabetic())
                    {
                        out.push(
                            Cand::new(v.start(), v.end(), Kind::AccountId).key(code.to_lowercase()),
                        );
                    }
                }
            }
            D::SvcAccount => {
                // service accounts are named after their owners' systems: "svc_erp_export"
                for m in finds(re, text, within) {
                    let v = m.as_str().trim_end_matches(['-', '_']);
                    let b = text.as_bytes();
                    let end = m.start() + v.len();
                    let joined_before = m.start() > 0
                        && matches!(b[m.start() - 1], b'.' | b'/' | b'@' | b'-' | b'_');
                    let host_after = matches!(b.get(end), Some(b'.' | b'@'))
                        && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
                    if v.len() < 6 || joined_before || host_after || self.is_protected_term(v) {
                        continue;
                    }
                    out.push(Cand::new(m.start(), end, Kind::Username).key(v.to_lowercase()));
                }
            }
            D::SwiftDate => {
                // ":32A:240911EUR184250,00": the value date, generalised like every exact date
                for c in captures(re, text, within) {
                    let (Some(y), Some(m), Some(d)) = (c.name("y"), c.name("m"), c.name("d"))
                    else {
                        continue;
                    };
                    let month = m
                        .as_str()
                        .parse::<usize>()
                        .ok()
                        .and_then(|k| MONTHS.get(k.wrapping_sub(1)));
                    if let Some(month) = month {
                        out.push(
                            Cand::new(y.start(), d.end(), Kind::Date)
                                .fixed(format!("{month} 20{}", y.as_str())),
                        );
                    }
                }
            }
            D::Bic => {
                for c in captures(re, text, within) {
                    if let Some(g) = c.name("v") {
                        out.push(
                            Cand::new(g.start(), g.end(), Kind::Org).key(g.as_str().to_lowercase()),
                        );
                    }
                }
            }
            D::TodoOwner | D::ClfUser => {
                for c in captures(re, text, within) {
                    let Some(g) = c.name("u") else { continue };
                    let lower = g.as_str().to_lowercase();
                    // "TODO(perf)", "TODO(security)": a topic, not an owner
                    let handle_like = lower.contains(['.', '_', '@'])
                        || lower.bytes().any(|b| b.is_ascii_digit())
                        || LISTS.given.contains(&lower)
                        || LISTS.surnames.contains(&lower)
                        || (lower.len() >= 5 && !person::is_english_word(&lower));
                    if g.as_str() == "-"
                        || !handle_like
                        || SYSTEM_ACCOUNTS.contains(&lower.as_str())
                        || self.is_protected_term(g.as_str())
                        || is_common_word(&lower)
                    {
                        continue;
                    }
                    out.push(Cand::new(g.start(), g.end(), Kind::Username).key(lower));
                }
            }
            D::AccountPrefix => {
                for m in finds(re, text, within) {
                    let v = m.as_str();
                    // at least five digits in all: "POL-12" is a policy clause, not a policy
                    if v.bytes().filter(u8::is_ascii_digit).count() < 5 && !v.contains('_') {
                        continue;
                    }
                    if v.contains('_') && !v.bytes().any(|b| b.is_ascii_digit()) {
                        continue;
                    }
                    out.push(Cand::new(m.start(), m.end(), Kind::AccountId));
                }
            }
            D::IdKv => {
                for c in captures(re, text, within) {
                    let (Some(key), Some(v)) = (c.name("key"), c.name("v")) else {
                        continue;
                    };
                    let value = v.as_str();
                    let key = key.as_str().to_lowercase();
                    // an identifier has digits; "user_id=anonymous" or "client_id=web" does not
                    if value.bytes().filter(u8::is_ascii_digit).count() < 4
                        || looks_like_version_or_date(value)
                    {
                        continue;
                    }
                    let medical = matches!(key.as_str(), "patient" | "pt" | "mrn" | "record")
                        || value.to_ascii_uppercase().starts_with("PAT")
                        || value.to_ascii_uppercase().starts_with("MRN");
                    let kind = if medical {
                        Kind::MedicalRecord
                    } else {
                        Kind::AccountId
                    };
                    if key == "record" && !medical {
                        continue;
                    }
                    // "security_policy: Basic256Sha256" names an algorithm, not a policy number
                    let letters = value.bytes().filter(u8::is_ascii_alphabetic).count();
                    let digits = value.bytes().filter(u8::is_ascii_digit).count();
                    if key == "policy" && letters > digits {
                        continue;
                    }
                    out.push(Cand::new(v.start(), v.end(), kind));
                }
            }
            D::DateKv => {
                // compact dates in records: "StudyDate=20250410", "dob: 19820214"
                for c in captures(re, text, within) {
                    let Some(v) = c.name("v") else { continue };
                    let t = v.as_str();
                    let year = t.get(0..4).unwrap_or("");
                    let month = t
                        .get(4..6)
                        .and_then(|m| m.parse::<usize>().ok())
                        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
                    let cand = Cand::new(v.start(), v.end(), Kind::Date);
                    out.push(match month {
                        Some(m) => cand.fixed(format!("{m} {year}")),
                        None => cand.fixed("[DATE]"),
                    });
                }
            }
            D::MailName => {
                // display names of mail headers: "Leilani Kahananui <leilani@…>"
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name") else { continue };
                    let words: Vec<&str> = name.as_str().split_whitespace().collect();
                    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
                    // a company's mailbox: the name ends with a company noun ("CCO Cerrado
                    // Linhas Aéreas")
                    let lower = name.as_str().to_lowercase();
                    let company = ORG_NOUNS.iter().any(|(n, _)| {
                        let n = n.to_lowercase();
                        lower
                            .strip_suffix(n.as_str())
                            .is_some_and(|head| head.is_empty() || head.ends_with(' '))
                    });
                    if self.is_protected_term(name.as_str())
                        || words.iter().any(|w| self.is_protected_term(w))
                        || MAILBOX_WORDS.contains(&last.as_str())
                        || company
                    {
                        continue;
                    }
                    let people = words.iter().all(|w| {
                        let l = w.to_lowercase();
                        LISTS.given.contains(&l)
                            || LISTS.surnames.contains(&l)
                            || person::PARTICLES.contains(&l.as_str())
                            || !person::is_english_word(&l)
                    });
                    if people {
                        person::push_person(text, name.start(), name.end(), facts, out);
                    }
                }
            }
            D::SignedInitials => {
                // "Sign-off: V.M.", "Checked by: RB": initials where a signature goes
                for c in captures(re, text, within) {
                    let Some(ini) = c.name("ini") else { continue };
                    let v = ini.as_str();
                    let letters: String = v.chars().filter(|ch| ch.is_alphabetic()).collect();
                    let dotted = v.contains('.');
                    if !dotted
                        && (person::is_everyday_abbreviation(&letters)
                            || AVIATION_ABBREVIATIONS.contains(&v)
                            || self.is_protected_term(v))
                    {
                        continue;
                    }
                    push_person_span(text, ini.start(), ini.end(), out);
                }
            }
            D::Honorific => {
                // Japanese and Korean honorifics: "Yamada-san", "田中さん", "Minjun님", "김민준 씨"
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name").or(c.name("cjk")) else {
                        continue;
                    };
                    let l = name.as_str().to_lowercase();
                    // "고객님" the customer, "Team님": a role or a word before the honorific
                    let no_name = self.is_protected_term(name.as_str())
                        || is_common_word(&l)
                        || HONORIFIC_ROLES.contains(&name.as_str())
                        || (c.name("cjk").is_some() && person::is_english_word(&l));
                    if !no_name {
                        person::push_person(text, name.start(), name.end(), facts, out);
                    }
                }
            }
            D::CodeNamespace => {
                // the company in a package or repository name: "com.sarnia.core",
                // "github.com/lumenrail/dispatch", "ghcr.io/orvane-systems/checkout"
                for c in captures(re, text, within) {
                    // the owner in a private image or build path ("dkr.ecr….amazonaws.com/
                    // wattlebank/ledger", "/builds/kuusisto-palkat/payroll/"; not Docker Hub's
                    // public namespaces) and an npm scope
                    // ("@quillstack/webhooks")
                    let scope = c.name("scope");
                    let Some(g) = c
                        .name("org")
                        .or(c.name("ns"))
                        .or(c.name("path"))
                        .or(c.name("build"))
                        .or(scope)
                    else {
                        continue;
                    };
                    if scope.is_some_and(|sc| PUBLIC_NPM_SCOPES.contains(&sc.as_str())) {
                        continue;
                    }
                    let v = g.as_str();
                    let lower = v.to_lowercase();
                    // a part of one or two letters ("ahmadi-r") names no technology
                    let parts_public = lower.split(['-', '_', '.']).any(|p| {
                        p.len() >= 3
                            && (self.is_protected_term(p) || PUBLIC_CODE_OWNERS.contains(&p))
                    });
                    // an ordinary word is a company only in a class's full name ("at
                    // io.tidewater.cu.loans.ScoringClient"), not in "self.io.buffer.read"
                    let before_class = c.name("pkg").is_some() && {
                        let rest = &text[g.end()..];
                        let token_end = rest
                            .find(|ch: char| {
                                !(ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '$'))
                            })
                            .unwrap_or(rest.len());
                        rest[..token_end]
                            .split('.')
                            .skip(1)
                            .any(|seg| seg.starts_with(|ch: char| ch.is_ascii_uppercase()))
                    };
                    let ordinary = is_common_word(&lower) || person::is_english_word(&lower);
                    // a short ordinary word ("o.m.mes.sap.IdocSender") is a module
                    let before_class = before_class && (!ordinary || lower.len() >= 5);
                    if parts_public
                        || PUBLIC_CODE_OWNERS.contains(&lower.as_str())
                        || GENERIC_PACKAGE_WORDS.contains(&lower.as_str())
                        || self.is_protected_term(v)
                        || (ordinary && !before_class)
                        || (c.name("pkg").is_some() && text[..g.start()].ends_with("www."))
                    {
                        continue;
                    }
                    // "github.com/tesselate-hq/ledger-sync" without a scheme is the URL of a
                    // private repository as much as with one: the whole path goes
                    if let Some(url) = c.name("ns").and_then(|ns| schemeless_repo_url(text, ns)) {
                        out.push(
                            Cand::new(url.0, url.1, Kind::Url)
                                .key(text[url.0..url.1].to_lowercase())
                                .prio(100),
                        );
                    }
                    out.push(
                        Cand::new(g.start(), g.end(), Kind::Org).key(normalise_key(Kind::Org, v)),
                    );
                }
            }
            D::OrgFollower => {
                for m in finds(re, text, within) {
                    let name_len = m
                        .as_str()
                        .find(|ch: char| !ch.is_ascii_alphabetic())
                        .unwrap_or(0);
                    let (start, v) = (m.start(), &m.as_str()[..name_len]);
                    let l = v.to_lowercase();
                    // mid-sentence only: a heading or a sentence may start with any word
                    // mid-sentence after a lowercase word: "to Tessary support", not a
                    // heading, a sentence start or the surname in "Siriporn Chaiyaporn's team"
                    let before = text[..start].trim_end_matches([' ', '\t']);
                    let previous = before.rsplit([' ', '\t', '\n']).next().unwrap_or("");
                    let mid_sentence = previous.starts_with(|ch: char| ch.is_lowercase())
                        && previous.ends_with(|ch: char| ch.is_alphabetic());
                    // "Conveyco's engineer": a possessive names its owner anywhere
                    // at a sentence's start (not after a title: "Dr. Zwane's team")
                    let possessive = m.as_str()[name_len..].starts_with(['\'', '’'])
                        && (previous.is_empty()
                            || previous.ends_with(['.', '!', '?', ':', ')', '('])
                                && !person::TITLES.contains(
                                    &previous.trim_end_matches('.').to_lowercase().as_str(),
                                ));
                    if !(mid_sentence || possessive)
                        || LISTS.surnames.contains(&l)
                        || is_common_word(&l)
                        || person::is_english_word(&l)
                        || person::looks_english(&l)
                        || self.is_protected_term(v)
                        || self.vocab.contains_term(&l)
                        || LISTS.given.contains(&l)
                        || LISTS.given_common.contains(&l)
                        || NATIONALITIES.contains(&l.as_str())
                        || TEAM_WORDS.contains(&l.as_str())
                        || month_index(&l).is_some()
                    {
                        continue;
                    }
                    facts.orgs.push(l.clone());
                    out.push(
                        Cand::new(start, start + name_len, Kind::Org)
                            .key(normalise_key(Kind::Org, v)),
                    );
                }
            }
            D::OrgAppositive => {
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name") else { continue };
                    // a sentence's first word before the name ("Yesterday Acme, our …") is not
                    // part of it; public vendors and technologies stay
                    let words: Vec<&str> = name.as_str().split(' ').collect();
                    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                    let known = |l: &str| {
                        self.is_protected_term(l)
                            || person::ROLE_WORDS.contains(&l)
                            || TEAM_WORDS.contains(&l)
                            || NATIONALITIES.contains(&l)
                            || month_index(l).is_some()
                    };
                    let some_name = lower.iter().any(|l| {
                        !ORG_GENERIC_MODIFIERS.contains(&l.as_str())
                            && !ORG_DESCRIPTIVE_WORDS.contains(&l.as_str())
                    });
                    let only_words = words.len() == 1
                        && (person::is_english_word(&lower[0]) || is_common_word(&lower[0]));
                    if !some_name
                        || only_words
                        || self.is_protected_term(name.as_str())
                        || lower.iter().any(|l| known(l))
                    {
                        continue;
                    }
                    // "12:15 PST, an agent …", "UTC, a subset of customers": an acronym, or a
                    // phrase that says something else
                    let acronym = words.len() == 1
                        && words[0].len() <= 4
                        && words[0].bytes().all(|b| b.is_ascii_uppercase());
                    let filler = c.get(0).is_some_and(|all| {
                        text[name.end()..all.end()]
                            .split(' ')
                            .any(|w| matches!(w, "of" | "for" | "in" | "on" | "at" | "with" | "to"))
                    });
                    if acronym || filler {
                        continue;
                    }
                    let phrase = name.as_str();
                    facts.orgs.push(phrase.to_lowercase());
                    out.push(
                        Cand::new(name.start(), name.end(), Kind::Org)
                            .key(normalise_key(Kind::Org, phrase)),
                    );
                }
            }
            D::OrgCue => {
                for c in captures(re, text, within) {
                    let (Some(cue), Some(name)) = (c.name("cue"), c.name("name")) else {
                        continue;
                    };
                    if component_suffix(text, cue.start()) {
                        continue;
                    }
                    if let Some((start, end)) =
                        self.cued_org(text, name.start(), name.as_str(), false)
                    {
                        push_org(text, start, end, facts, out);
                    }
                }
            }
            D::SignatureOrg => {
                for c in captures(re, text, within) {
                    let (Some(person), Some(title), Some(org)) =
                        (c.name("person"), c.name("title"), c.name("org"))
                    else {
                        continue;
                    };
                    // the line above is a person's name
                    let known_name = person.as_str().split_whitespace().any(|w| {
                        let l = w.to_lowercase();
                        LISTS.given.contains(&l) || LISTS.surnames.contains(&l)
                    });
                    // the job line holds a title's word and reads as no sentence
                    let role = title.as_str().split_whitespace().any(|w| {
                        SIGNATURE_ROLES.split('|').any(|r| {
                            r.eq_ignore_ascii_case(w.trim_matches(|c: char| !c.is_alphabetic()))
                        })
                    });
                    // (lengths checked here: a bounded repeat of a Unicode class would compile
                    // to thousands of states)
                    let short = title.as_str().split_whitespace().count() <= 6
                        && (3..=60).contains(&title.as_str().chars().count())
                        && org.as_str().chars().count() <= 81;
                    let v = org.as_str().trim_end_matches(['.', ' ', '\t']);
                    let words: Vec<&str> = v.split_whitespace().collect();
                    let lower = v.to_lowercase();
                    // "Site Manager, Operations", "Head of IT, EMEA": a department or a region
                    let plain = words.len() == 1
                        && (person::is_english_word(&lower)
                            || is_common_word(&lower)
                            || TEAM_WORDS.contains(&lower.as_str())
                            || is_region(&lower));
                    // "IT Audit", "EDI Operations", "Direction des Risques", "Planta Monterrey":
                    // a department, a function or a site of the employer
                    let department = words.iter().any(|w| {
                        let l = w.to_lowercase();
                        TEAM_WORDS.contains(&l.as_str()) || person::ROLE_WORDS.contains(&l.as_str())
                    }) || words.first().is_some_and(|w| {
                        matches!(
                            w.to_lowercase().as_str(),
                            "direction"
                                | "dirección"
                                | "direção"
                                | "direzione"
                                | "abteilung"
                                | "afdeling"
                                | "dipartimento"
                                | "departamento"
                                | "département"
                                | "department"
                                | "planta"
                                | "plant"
                                | "werk"
                                | "site"
                                | "service"
                                | "servicio"
                                | "serviço"
                                | "division"
                                | "unit"
                                | "office"
                        )
                    });
                    if !known_name
                        || !role
                        || !short
                        || plain
                        || department
                        || words.len() > 8
                        || v.chars().any(|ch| ch.is_ascii_digit())
                        || self.is_protected_term(v)
                        || self.vocab.contains_term(&lower)
                    {
                        continue;
                    }
                    push_org(text, org.start(), org.start() + v.len(), facts, out);
                }
            }
            D::OrgCueAfter => {
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name") else { continue };
                    // "the Conveyco contractor": the article is no part of the name
                    let (mut at, mut v) = (name.start(), name.as_str());
                    let before = &text[..at];
                    let mut article = ["the ", "The ", "our ", "their "]
                        .iter()
                        .any(|a| before.ends_with(a));
                    for a in ["The ", "Our ", "Their "] {
                        if let Some(rest) = v.strip_prefix(a) {
                            at += a.len();
                            v = rest.trim_start();
                            article = true;
                        }
                    }
                    let contact = c.name("contact").is_some();
                    // "Analyser vendor Pathwise …": without the article a role word may
                    // begin a sentence
                    if !contact && !article {
                        continue;
                    }
                    let Some((start, end)) = self.cued_org(text, at, v, contact) else {
                        continue;
                    };
                    // the whole name, not the first words of a longer one
                    if end == name.end() {
                        push_org(text, start, end, facts, out);
                    }
                }
            }
            D::OrgPrefix => {
                for c in captures(re, text, within) {
                    let (Some(p), Some(rest)) = (c.name("p"), c.name("rest")) else {
                        continue;
                    };
                    // end at the last capitalised word ("… La Ribera de" → "… La Ribera")
                    let mut words: Vec<(usize, usize)> = Vec::new();
                    let mut at = rest.start();
                    for w in rest.as_str().split([' ', '\t']) {
                        if !w.is_empty() {
                            words.push((at, at + w.len()));
                        }
                        at += w.len() + 1;
                    }
                    // "Vall d'Aran", "Hôpital de l'Enfant": an elided article before the word
                    let cap = |&(a, z): &(usize, usize)| {
                        let w = &text[a..z];
                        let w = ["d'", "l'", "d’", "l’"]
                            .iter()
                            .find_map(|e| w.strip_prefix(e))
                            .unwrap_or(w);
                        w.starts_with(char::is_uppercase)
                    };
                    let Some(last_cap) = words.iter().rposition(cap) else {
                        continue;
                    };
                    let names: Vec<&str> = words[..=last_cap]
                        .iter()
                        .filter(|w| cap(w))
                        .map(|&(a, z)| &text[a..z])
                        .collect();
                    // the English "Hospital" only before a word of another language ("Hospital
                    // Marina Baixa", not "Hospital Records")
                    let english_prefix = p.as_str() == "Hospital";
                    let foreign = |w: &str| {
                        let l = w.to_lowercase();
                        !person::is_english_word(&l) && !is_common_word(&l)
                    };
                    let saint = |w: &&str| {
                        matches!(*w, "San" | "Santa" | "Santo" | "São" | "Saint" | "Sainte")
                    };
                    if names.is_empty()
                        || names
                            .iter()
                            .filter(|w| !saint(w))
                            .any(|w| self.is_protected_term(w))
                        || (english_prefix
                            && !names.iter().any(|w| w.chars().count() >= 3 && foreign(w)))
                    {
                        continue;
                    }
                    let end = words.get(last_cap).map_or(rest.end(), |&(_, z)| z);
                    let name = &text[p.start()..end];
                    // "Banco de Portugal": a central bank or regulator is a public body
                    if self.is_protected_term(name) {
                        continue;
                    }
                    facts.orgs.push(name.to_lowercase());
                    out.push(
                        Cand::new(p.start(), end, Kind::Org).key(normalise_key(Kind::Org, name)),
                    );
                }
            }
            D::OrgAmp => {
                for c in captures(re, text, within) {
                    let (Some(a), Some(b)) = (c.name("a"), c.name("b")) else {
                        continue;
                    };
                    // drop a leading ordinary word ("Yesterday Brannock & Hale")
                    let mut start = a.start();
                    if let Some((first, rest)) = a.as_str().split_once([' ', '\t']) {
                        let l = first.to_lowercase();
                        if is_common_word(&l) || person::is_english_word(&l) {
                            start = a.end() - rest.trim_start().len();
                        }
                    }
                    let firm_words: Vec<&str> = text[start..b.end()]
                        .split([' ', '\t'])
                        .filter(|w| !w.is_empty() && *w != "&")
                        .filter(|w| {
                            !matches!(
                                *w,
                                "Sons"
                                    | "Co."
                                    | "Co"
                                    | "Partners"
                                    | "Associates"
                                    | "Daughters"
                                    | "Brothers"
                                    | "Bros."
                            )
                        })
                        .collect();
                    let name_like = |w: &str| {
                        let l = w.to_lowercase();
                        !self.is_protected_term(w)
                            && (LISTS.surnames.contains(&l)
                                || (!person::is_english_word(&l)
                                    && !is_common_word(&l)
                                    && !person::looks_english(&l)
                                    && !ORG_NOUNS.iter().any(|(n, _)| n.eq_ignore_ascii_case(w))
                                    && person::name_shaped(w)))
                    };
                    let ordinary = |w: &str| {
                        let l = w.to_lowercase();
                        is_common_word(&l) || person::is_english_word(&l)
                    };
                    if firm_words.is_empty()
                        || firm_words.iter().any(|w| self.is_protected_term(w))
                        || !firm_words.iter().any(|w| name_like(w))
                        || firm_words.iter().all(|w| ordinary(w))
                    {
                        continue;
                    }
                    let name = &text[start..b.end()];
                    facts.orgs.push(name.to_lowercase());
                    out.push(
                        Cand::new(start, b.end(), Kind::Org).key(normalise_key(Kind::Org, name)),
                    );
                }
            }
            D::OrgAir => {
                for c in captures(re, text, within) {
                    let (Some(all), Some(n)) = (c.get(0), c.name("n")) else {
                        continue;
                    };
                    let l = n.as_str().to_lowercase();
                    let mut folded = l.clone();
                    person::fold_accents(&mut folded);
                    if is_common_word(&l)
                        || person::is_english_word(&l)
                        || person::is_english_word(&folded)
                        || self.is_protected_term(all.as_str())
                        || self.is_protected_term(n.as_str())
                        || month_index(&l).is_some()
                    {
                        continue;
                    }
                    facts.orgs.push(all.as_str().to_lowercase());
                    out.push(
                        Cand::new(all.start(), all.end(), Kind::Org)
                            .key(normalise_key(Kind::Org, all.as_str())),
                    );
                }
            }
            D::CjkName => {
                let is_cjk = |ch: char| matches!(ch as u32, 0xAC00..=0xD7A3 | 0x4E00..=0x9FFF | 0x3400..=0x4DBF);
                // only on a line mostly in another script: in Korean or Chinese every word would
                // be taken; and in Japanese (kana on the line) "品質:" is a heading. Read by line,
                // so that a rescan of some lines reads them as the first pass did.
                // the line of the last match: matches come in order, so each line is read once
                let mut line_end: Option<usize> = None;
                let (mut mostly_cjk, mut kana) = (false, false);
                // common Korean surnames: a Hangul name is a surname and one or two syllables
                const KOREAN_SURNAMES: &str = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉";
                for m in finds(re, text, within) {
                    if line_end.is_none_or(|end| m.start() > end) {
                        let start = text[..m.start()].rfind('\n').map_or(0, |p| p + 1);
                        let end = text[m.start()..]
                            .find('\n')
                            .map_or(text.len(), |p| m.start() + p);
                        line_end = Some(end);
                        let line = &text[start..end];
                        let cjk = line
                            .chars()
                            .filter(|ch| is_cjk(*ch) || matches!(*ch as u32, 0x3040..=0x30FF))
                            .count();
                        mostly_cjk = cjk * 5 > line.chars().count() || cjk > 60;
                        kana = line.chars().any(|ch| matches!(ch as u32, 0x3040..=0x30FF));
                    }
                    let before = text[..m.start()].chars().next_back();
                    let rest = &text[m.end()..];
                    let after = rest.chars().next();
                    if before.is_some_and(|ch| is_cjk(ch) || ch.is_alphanumeric())
                        || after.is_some_and(|ch| is_cjk(ch) || ch.is_alphanumeric())
                    {
                        continue;
                    }
                    let word = m.as_str();
                    // "发件人：", "日期：", "작성:": the labels of fields are no names…
                    if CJK_ROLE_LABELS.contains(&word) || CJK_FIELD_LABELS.contains(&word) {
                        continue;
                    }
                    // …and after a label that names a role comes a name, in any text:
                    // "负责人：王磊", "发件人：黄志强 <…>", "작성: 박은서"
                    let label = text[..m.start()]
                        .trim_end_matches(' ')
                        .strip_suffix(['：', ':'])
                        .map(|b| b.trim_end_matches(' '));
                    // a Japanese given name after the surname: "中村 大輔、", "山田 浩二\n"
                    let name_end = cjk_given_name_end(text, m.end(), word);
                    if label.is_some_and(|b| CJK_ROLE_LABELS.iter().any(|l| b.ends_with(l))) {
                        person::push_person(text, m.start(), name_end, facts, out);
                        continue;
                    }
                    // a surname and a given name in a mail header's list: "CC: 山本 花子, 森田 翔"
                    if name_end > m.end() {
                        let line = text[..m.start()].rsplit('\n').next().unwrap_or("");
                        let header = line.split_once(':').is_some_and(|(key, _)| {
                            [
                                "cc", "bcc", "to", "from", "an", "von", "kopie", "de", "para", "a",
                                "à",
                            ]
                            .contains(&key.trim().to_lowercase().as_str())
                        });
                        if header {
                            person::push_person(text, m.start(), name_end, facts, out);
                            continue;
                        }
                    }
                    // a title or department right before ("機長 中村 大輔", "工程师 陈晓峰",
                    // "品質保証課 山田 浩二") or a title right after ("山本 部長", "田村 課長")
                    let title_before = text[..m.start()].strip_suffix(' ').is_some_and(|b| {
                        let run = b
                            .char_indices()
                            .rev()
                            .take_while(|(_, ch)| {
                                is_cjk(*ch) || matches!(*ch as u32, 0x3040..=0x30FF)
                            })
                            .last()
                            .map_or("", |(i, _)| &b[i..]);
                        run.chars().count() >= 2
                            && run != word
                            && CJK_TITLE_ENDINGS.iter().any(|t| run.ends_with(t))
                    });
                    let title_after = rest.strip_prefix(' ').is_some_and(|r| {
                        CJK_TITLES_AFTER.iter().any(|t| {
                            r.strip_prefix(t)
                                .is_some_and(|z| !z.starts_with(|ch: char| is_cjk(ch)))
                        })
                    });
                    let surname_first = word
                        .chars()
                        .next()
                        .is_some_and(|ch| CHINESE_SURNAMES.contains(ch));
                    let ends_name = name_end > m.end()
                        || rest.is_empty()
                        || rest.starts_with(['、', '\n', '\r', '（', '(', '，', ','])
                        || rest.starts_with(" (");
                    let hangul = word.chars().all(|ch| matches!(ch as u32, 0xAC00..=0xD7A3));
                    if !hangul
                        && !HONORIFIC_ROLES.contains(&word)
                        && ((title_before && (surname_first || ends_name)) || title_after)
                    {
                        person::push_person(text, m.start(), name_end, facts, out);
                        continue;
                    }
                    // a chat export's speaker: the name opens its line, the time of the message
                    // follows ("张伟 09:12  …", "山本 海斗 02:07", "佐藤 (m-sato) 02:05",
                    // "김민준 06:12")
                    let line_start = text[..m.start()]
                        .rsplit('\n')
                        .next()
                        .is_some_and(|b| b.trim().is_empty());
                    // a Japanese given name before the time: "山本 海斗 02:07"
                    let mut name_end = name_end;
                    if line_start && name_end == m.end() {
                        if let Some(r) = text[m.end()..].strip_prefix(' ') {
                            let given: usize = r
                                .chars()
                                .take_while(|&ch| han_or_kana(ch))
                                .map(char::len_utf8)
                                .sum();
                            if (1..=3).contains(&r[..given].chars().count())
                                && r[given..].starts_with([' ', '\t'])
                            {
                                name_end = m.end() + 1 + given;
                            }
                        }
                    }
                    // the name, a blank, maybe a login in brackets, then the time
                    let timed = line_start && text[name_end..].starts_with([' ', '\t']) && {
                        let r = text[name_end..].trim_start_matches([' ', '\t']);
                        let r = match r.strip_prefix(['(', '（']) {
                            Some(inner) => inner
                                .find([')', '）'])
                                .filter(|&p| p <= 40 && !inner[..p].contains('\n'))
                                .map_or("", |p| {
                                    inner[p..]
                                        .trim_start_matches([')', '）'])
                                        .trim_start_matches([' ', '\t'])
                                }),
                            None => r,
                        };
                        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
                        (1..=2).contains(&digits)
                            && r[digits..].starts_with(':')
                            && r[digits + 1..]
                                .bytes()
                                .take_while(u8::is_ascii_digit)
                                .count()
                                == 2
                    };
                    let first = word.chars().next();
                    let surname = first.is_some_and(|ch| {
                        if hangul {
                            KOREAN_SURNAMES.contains(ch)
                        } else {
                            CHINESE_SURNAMES.contains(ch)
                        }
                    });
                    if timed
                        && !HONORIFIC_ROLES.contains(&word)
                        && !CJK_ROLE_LABELS.contains(&word)
                        && (surname || name_end > m.end() || rest.starts_with(" ("))
                    {
                        person::push_person(text, m.start(), name_end, facts, out);
                        continue;
                    }
                    if mostly_cjk {
                        continue;
                    }
                    let hangul = word.chars().all(|ch| matches!(ch as u32, 0xAC00..=0xD7A3));
                    // three syllables: two-syllable words are mostly words ("배포" deploy,
                    // "기록" record) even when they start like a surname
                    let korean_name = hangul
                        && word.chars().count() == 3
                        && word
                            .chars()
                            .next()
                            .is_some_and(|ch| KOREAN_SURNAMES.contains(ch));
                    // a Han name comes with its reading or as a chat label: "松本理恵 (Matsumoto)"
                    let labelled = rest.starts_with(" (")
                        || rest.starts_with('（')
                        || rest.starts_with(": ")
                        || rest.starts_with('：');
                    // in Japanese (kana around) "品質:" and "参加:" are headings
                    // (a name with its reading stays a name)
                    let heading = (rest.starts_with(": ") || rest.starts_with('：')) && kana;
                    if korean_name || (!hangul && labelled && !heading) {
                        person::push_person(text, m.start(), m.end(), facts, out);
                    }
                }
            }
            D::DotnetFrame => {
                for c in captures(re, text, within) {
                    let Some(root) = c.name("root") else { continue };
                    let v = root.as_str();
                    let lower = v.to_lowercase();
                    // a company's name, not an application's ("Payroll", "Wms", "RadSched")
                    if DOTNET_PUBLIC_ROOTS.contains(&v)
                        || PUBLIC_CODE_OWNERS.contains(&lower.as_str())
                        || self.is_protected_term(v)
                        || is_common_word(&lower)
                        || person::is_english_word(&lower)
                        || person::looks_english(&lower)
                        || !person::name_shaped(v)
                        || v.len() < 5
                    {
                        continue;
                    }
                    facts.orgs.push(lower.clone());
                    out.push(Cand::new(root.start(), root.end(), Kind::Org).key(lower));
                }
            }
            D::WinDomainUser | D::WinDomainKv => {
                for c in captures(re, text, within) {
                    let Some(dom) = c.name("dom") else { continue };
                    let v = dom.as_str();
                    let lower = v.to_lowercase();
                    // "CORP\a.mensah": a generic domain names no company, but the account
                    // is still a person's
                    if d == D::WinDomainUser && WINDOWS_GENERIC_DOMAINS.contains(&lower.as_str()) {
                        if let Some(u) = c.name("u") {
                            let ul = u.as_str().to_lowercase();
                            if !SYSTEM_ACCOUNTS.contains(&ul.as_str())
                                && !is_placeholder_value(u.as_str())
                            {
                                let key = text[dom.start()..u.end()].to_lowercase();
                                out.push(Cand::new(dom.start(), u.end(), Kind::Username).key(key));
                            }
                        }
                        continue;
                    }
                    if WINDOWS_BUILTIN_DOMAINS.contains(&lower.as_str())
                        || WINDOWS_GENERIC_DOMAINS.contains(&lower.as_str())
                        || self.is_protected_term(v)
                        || (d == D::WinDomainUser && !v.bytes().any(|b| b.is_ascii_uppercase()))
                    {
                        continue;
                    }
                    let user = c.name("u");
                    // "SQLPRD-07\PAYROLL": a server and its SQL Server instance, one host
                    if d == D::WinDomainUser && v.bytes().any(|b| b.is_ascii_digit()) {
                        let end = user.map_or(dom.end(), |u| u.end());
                        let key = text[dom.start()..end].to_lowercase();
                        out.push(Cand::new(dom.start(), end, Kind::Host).key(key));
                        continue;
                    }
                    facts.orgs.push(lower.clone());
                    match user {
                        // "CORVANE\gchase": one account, redacted whole; the domain names
                        // the company wherever else it appears
                        Some(u)
                            if d == D::WinDomainUser
                                && !SYSTEM_ACCOUNTS
                                    .contains(&u.as_str().to_lowercase().as_str()) =>
                        {
                            let key = text[dom.start()..u.end()].to_lowercase();
                            out.push(Cand::new(dom.start(), u.end(), Kind::Username).key(key));
                        }
                        Some(u) => {
                            out.push(Cand::new(dom.start(), dom.end(), Kind::Org).key(lower));
                            let ul = u.as_str().to_lowercase();
                            if !SYSTEM_ACCOUNTS.contains(&ul.as_str()) {
                                out.push(Cand::new(u.start(), u.end(), Kind::Username).key(ul));
                            }
                        }
                        None => {
                            out.push(Cand::new(dom.start(), dom.end(), Kind::Org).key(lower));
                        }
                    }
                }
            }
            D::WinHost => {
                for m in finds(re, text, within) {
                    out.push(
                        Cand::new(m.start(), m.end(), Kind::Host).key(m.as_str().to_lowercase()),
                    );
                }
            }
            D::XmlKv => {
                for c in captures(re, text, within) {
                    let (Some(tag), Some(v)) = (c.name("tag"), c.name("v")) else {
                        continue;
                    };
                    let value = v.as_str().trim();
                    if value.len() < 3 || is_placeholder_value(value) || self.is_placeholder(value)
                    {
                        continue;
                    }
                    let tag = tag.as_str().to_lowercase();
                    let kind = if tag.starts_with("user") || tag == "login" {
                        if SYSTEM_ACCOUNTS.contains(&value.to_lowercase().as_str()) {
                            continue;
                        }
                        Kind::Username
                    } else {
                        Kind::Secret
                    };
                    let start = v.start() + (v.as_str().len() - v.as_str().trim_start().len());
                    out.push(Cand::new(start, start + value.len(), kind));
                }
            }
            D::KeyKv => {
                // "routing_key: e93b1f0c…": a random value under any *_key name
                for c in captures(re, text, within) {
                    let Some(v) = c.name("v") else { continue };
                    let value = v.as_str().trim_end_matches(['"', '\'']);
                    let hex = value.len() >= 24
                        && value.bytes().all(|b| b.is_ascii_hexdigit())
                        && value.bytes().any(|b| b.is_ascii_digit())
                        && value.bytes().any(|b| b.is_ascii_alphabetic());
                    if hex || high_entropy(value) {
                        out.push(Cand::new(v.start(), v.start() + value.len(), Kind::Secret));
                    }
                }
            }
            D::IbanCtx => {
                // an account number after "iban:" even when its check digits are wrong
                for c in captures(re, text, within) {
                    if let Some(v) = c.name("v") {
                        out.push(Cand::new(v.start(), v.end(), Kind::Iban));
                    }
                }
            }
            D::PersonKv => {
                // oncall: "Ruairidh MacAoidh", cardholder="LAMBERT/CLAIRE", holder="Nakamura, Aiko"
                for c in captures(re, text, within) {
                    // "first" and "last" name someone only as a record's quoted keys with a
                    // quoted value: {'last': 'PARK', 'first': 'MIN-SEO'}
                    if let Some(k) = c.name("key") {
                        let bare_key =
                            matches!(k.as_str().to_ascii_lowercase().as_str(), "first" | "last");
                        let quoted_key = text[..k.start()].ends_with(['"', '\'']);
                        if bare_key
                            && (!quoted_key || (c.name("q").is_none() && c.name("sq").is_none()))
                        {
                            continue;
                        }
                    }
                    let Some(v) = c.name("q").or(c.name("sq")).or(c.name("v")) else {
                        continue;
                    };
                    let mut value = v.as_str().trim_end();
                    // "patient=DIALLO, AMINATA loc=ED-12": a bare name written surname first
                    // runs over its comma
                    if c.name("v").is_some() && value.len() == v.as_str().len() {
                        let after = &text[v.end()..];
                        if let Some(rest) = after.strip_prefix(", ") {
                            // the given name, and a middle initial: "HERNANDEZ, ROSA M"
                            let given: usize = rest
                                .split(' ')
                                .take(2)
                                .enumerate()
                                .take_while(|(i, w)| {
                                    w.chars().next().is_some_and(char::is_uppercase)
                                        && w.chars().all(char::is_alphabetic)
                                        && (*i == 0 || w.chars().count() == 1)
                                })
                                .map(|(_, w)| w.len() + 1)
                                .sum();
                            if given > 1 {
                                // ", " and the words with their spaces, less the last space
                                value = &text[v.start()..v.end() + 1 + given];
                            }
                        }
                    }
                    // a passenger's title after the name: "TUILAGI/ROSE MS"
                    for title in [
                        " MR", " MRS", " MS", " MISS", " MSTR", " DR", " Mr", " Mrs", " Ms",
                    ] {
                        if let Some(rest) = value.strip_suffix(title) {
                            value = rest.trim_end();
                            break;
                        }
                    }
                    let words: Vec<&str> = value
                        .split(|ch: char| ch.is_whitespace() || ch == '/' || ch == ',')
                        .filter(|w| !w.is_empty())
                        .collect();
                    let particle = |i: usize, l: &str| {
                        i > 0 && i + 1 < words.len() && person::PARTICLES.contains(&l)
                    };
                    let namey = |l: &str| {
                        LISTS.given.contains(l)
                            || LISTS.given_common.contains(l)
                            || LISTS.surnames.contains(l)
                            || !person::is_english_word(l)
                    };
                    let shaped = |w: &str, l: &str| {
                        w.chars().next().is_some_and(char::is_uppercase)
                            && w.chars()
                                .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '.'))
                            && !self.is_protected_term(w)
                            && (!is_common_word(l)
                                || (words.len() >= 2 && LISTS.given_common.contains(l)))
                            && !person::ROLE_WORDS.contains(&l)
                    };
                    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                    let every_word_shaped = words
                        .iter()
                        .zip(&lower)
                        .enumerate()
                        .all(|(i, (w, l))| particle(i, l) || shaped(w, l));
                    // every word a name, or a surname after a given name that is also a word
                    // ("Chair: Sterling Achebe")
                    let all_namey = lower
                        .iter()
                        .enumerate()
                        .all(|(i, l)| particle(i, l) || namey(l));
                    let surname_last = words.len() == 2
                        && lower
                            .last()
                            .is_some_and(|l| !person::is_english_word(l) && !is_common_word(l));
                    let name_like = (1..=4).contains(&words.len())
                        && every_word_shaped
                        && (all_namey || surname_last);
                    // "lastName":"Zielińska-Nowak", "family":"Whitehorse": a key that holds one
                    // part of a name takes one word
                    // (a bare "family" or "given" only inside a FHIR name, not "family: inet")
                    let name_part = c.name("key").is_some_and(|k| {
                        let k = k.as_str().to_lowercase();
                        let listed =
                            LISTS.surnames.contains(&lower[0]) || LISTS.given.contains(&lower[0]);
                        let mut from = v.start().saturating_sub(60);
                        while !text.is_char_boundary(from) {
                            from += 1;
                        }
                        let fhir_name = text[from..v.start()].contains("\"name\"");
                        match k.as_str() {
                            "family" | "given" => fhir_name || listed,
                            _ => ["first", "last", "given", "family", "surname"]
                                .iter()
                                .any(|p| k.starts_with(p)),
                        }
                    });
                    if name_like
                        && (words.len() >= 2
                            || LISTS.given.contains(&words[0].to_lowercase())
                            || name_part)
                    {
                        person::push_person(text, v.start(), v.start() + value.len(), facts, out);
                    }
                }
            }
            D::SurnameGiven => {
                for c in captures(re, text, within) {
                    let caps = c.name("csn").is_some();
                    let (Some(sn), Some(gn)) = (
                        c.name("sn").or(c.name("csn")),
                        c.name("gn").or(c.name("cgn")),
                    ) else {
                        continue;
                    };
                    let (sl, gl) = (sn.as_str().to_lowercase(), gn.as_str().to_lowercase());
                    // in capitals both halves must be listed names, or the surname and an
                    // initial: "(HOLLOWAY, BRETT R)", "(NAIDOO, P)"; not "(TCP, UDP)"
                    if caps {
                        let initial = gl.chars().count() == 1;
                        let listed =
                            LISTS.surnames.contains(&sl) && (initial || LISTS.given.contains(&gl));
                        if listed
                            && !self.is_protected_term(sn.as_str())
                            && !self.is_protected_term(gn.as_str())
                            && !person::is_everyday_abbreviation(sn.as_str())
                        {
                            // with the middle initial after the given name ("BRETT R")
                            let end = c.name("ci").map_or(gn.end(), |m| m.end());
                            person::push_person(text, sn.start(), end, facts, out);
                        }
                        continue;
                    }
                    let wordish = |w: &str| {
                        person::is_english_word(w)
                            || is_common_word(w)
                            || self.vocab.contains_term(w)
                            || is_region(w)
                    };
                    // the given name from the lists, the surname no word: "(Paris, France)",
                    // "(Kafka, Redis)" and "(Smith, Engineering)" stay
                    let surname_ok = sl
                        .split([' ', '-'])
                        .all(|p| LISTS.surnames.contains(p) || !wordish(p));
                    if LISTS.given.contains(&gl)
                        && surname_ok
                        && !self.is_protected_term(sn.as_str())
                        && !self.is_protected_term(gn.as_str())
                    {
                        person::push_person(text, sn.start(), gn.end(), facts, out);
                    }
                }
            }
            D::AttendeeLine => {
                for c in captures(re, text, within) {
                    let Some(v) = c.name("v") else { continue };
                    self.attendees(text, v.start(), v.as_str(), facts, out);
                }
            }
            D::HeaderNames => {
                // "To: Hodan Farah", "Cc: Abdirahman Warsame; Ubah"
                for c in captures(re, text, within) {
                    let Some(v) = c.name("v") else { continue };
                    let mut at = v.start();
                    for part in v.as_str().split([';', ',']) {
                        let name = part.trim();
                        let start = at + (part.len() - part.trim_start().len());
                        at += part.len() + 1;
                        let words: Vec<&str> = name.split_whitespace().collect();
                        let ok = (1..=4).contains(&words.len())
                            && words.iter().all(|w| {
                                let l = w.to_lowercase();
                                person::name_shaped(w)
                                    && !self.is_protected_term(w)
                                    && !is_common_word(&l)
                                    && !person::ROLE_WORDS.contains(&l.as_str())
                                    && !TEAM_WORDS.contains(&l.as_str())
                                    && (LISTS.given.contains(&l)
                                        || LISTS.surnames.contains(&l)
                                        || !person::is_english_word(&l))
                            });
                        if ok {
                            person::push_person(text, start, start + name.len(), facts, out);
                        }
                    }
                }
            }
            D::DottedName => {
                // "anna.kowalska", "k.subramaniam": user names built from a person's name
                for m in finds(re, text, within) {
                    let (s, e) = (m.start(), m.end());
                    let b = text.as_bytes();
                    if (s > 0 && matches!(b[s - 1], b'.' | b'/' | b'@' | b'\\' | b'-' | b'_'))
                        || matches!(b.get(e), Some(b'(' | b'@' | b'/'))
                        || (b.get(e) == Some(&b'.')
                            && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric))
                    {
                        continue;
                    }
                    let parts: Vec<&str> = m.as_str().split('.').collect();
                    let given = |p: &str| LISTS.given.contains(p);
                    let surname = |p: &str| LISTS.surnames.contains(p);
                    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
                        continue;
                    };
                    let personal = (given(first) || (first.len() == 1))
                        && surname(last)
                        && !person::is_english_word(last)
                        || (surname(first) && given(last) && !person::is_english_word(first));
                    // alone in brackets after a note or a role: "Agent note (kipchumba.s):",
                    // "(pharm.bello)", "(r.aebischer)"; not "(config.yaml)", "(session.timeout)",
                    // "(e.g.)"
                    let bracketed = s > 0
                        && b[s - 1] == b'('
                        && b.get(e) == Some(&b')')
                        && parts.iter().any(|p| p.len() >= 4)
                        && !crate::lexicon::FILE_EXTENSIONS.contains(last)
                        && parts.iter().flat_map(|p| p.split('-')).all(|p| {
                            p.len() < 3
                                || !(person::is_english_word(p)
                                    || is_common_word(p)
                                    || self.vocab.contains_term(p))
                        });
                    let personal = personal || bracketed;
                    if personal
                        && !parts
                            .iter()
                            .any(|p| self.is_protected_term(p) || WEB_TLDS.contains(p))
                    {
                        out.push(Cand::new(s, e, Kind::Username).key(m.as_str().to_string()));
                    }
                }
            }
            D::Salutation => {
                // a letter's first line: "Dawn,", "Sæl Guðrún,", "Beste Lieselot,"
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name") else { continue };
                    let words: Vec<&str> = name.as_str().split_whitespace().collect();
                    // after a greeting ("Hi Cliff,") an ordinary word is a name too
                    let line_start = text[..name.start()].rfind('\n').map_or(0, |p| p + 1);
                    let greeted = !text[line_start..name.start()].trim().is_empty();
                    let ok = words.iter().all(|w| {
                        let l = w.to_lowercase();
                        person::name_shaped(w)
                            && !self.is_protected_term(w)
                            && !TEAM_WORDS.contains(&l.as_str())
                            && !SALUTATION_STOP.contains(&l.as_str())
                            && (LISTS.given.contains(&l)
                                || LISTS.given_common.contains(&l)
                                || LISTS.surnames.contains(&l)
                                || (!person::is_english_word(&l) && !is_common_word(&l))
                                || (greeted && !is_common_word(&l) && month_index(&l).is_none()))
                    });
                    if ok {
                        person::push_person(text, name.start(), name.end(), facts, out);
                    }
                }
            }
            D::CapsTitled => {
                // names in all-capitals text: "FO SHARMA", "CAPT J. WESTERGAARD", "S. BRANDT"
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name").or(c.name("iname")) else {
                        continue;
                    };
                    let titled = c.name("title").is_some();
                    let initial = name.as_str().as_bytes().get(1) == Some(&b'.');
                    let words: Vec<&str> = name.as_str().split([' ', '\t']).collect();
                    // a bare initial only after a title: "CAPT T PARATA", not "A CREW"
                    let bare_initial = words.first().is_some_and(|w| w.len() == 1);
                    if bare_initial && !titled {
                        continue;
                    }
                    if !titled && !initial {
                        continue;
                    }
                    let words: Vec<String> = name
                        .as_str()
                        .split([' ', '\t', '.'])
                        .filter(|w| w.len() >= 3)
                        .map(str::to_lowercase)
                        .collect();
                    let name_like = !words.is_empty()
                        && words.iter().all(|w| {
                            LISTS.surnames.contains(w)
                                || LISTS.given.contains(w)
                                || (w.len() >= 4
                                    && !CAPS_NOT_NAMES.contains(&w.as_str())
                                    && !person::is_english_word(w)
                                    && !is_common_word(w)
                                    && !self.vocab.contains_term(w)
                                    && !self.is_protected_term(w))
                        });
                    if name_like {
                        push_person_span(text, name.start(), name.end(), out);
                    }
                }
            }
            D::ChatLabel | D::IrcLabel => person::chat_labels(self, re, text, within, facts, out),
            D::TimedSpeaker => {
                // a transcript: two lines of the kind or more in the whole text (a rescan reads
                // a few lines, so they are counted in all of it)
                if re.find_iter(text).nth(1).is_none() {
                    return;
                }
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name") else { continue };
                    let u = name.as_str().trim_end_matches(['.', '-', '_']);
                    let lower = u.to_lowercase();
                    let word = u.bytes().all(|b| b.is_ascii_lowercase());
                    // "at 10:14 the feed", "since 09:51 nothing", "deploy 10:14 started"
                    if u.len() < 3
                        || (word
                            && (person::is_english_word(&lower)
                                || is_common_word(&lower)
                                || person::looks_english(&lower)))
                        || self.is_protected_term(u)
                        || month_index(&lower).is_some()
                        || SYSTEM_ACCOUNTS.contains(&lower.as_str())
                    {
                        continue;
                    }
                    let s = name.start();
                    out.push(Cand::new(s, s + u.len(), Kind::Username).key(lower));
                }
            }
            D::HanSpeaker => {
                for c in captures(re, text, within) {
                    let Some(name) = c.name("name") else { continue };
                    // a name starts with a common surname ("王", "刘", "陈"); "告警：", "处理："
                    // are headings
                    if name
                        .as_str()
                        .chars()
                        .next()
                        .is_some_and(|ch| CHINESE_SURNAMES.contains(ch))
                    {
                        person::push_person(text, name.start(), name.end(), facts, out);
                    }
                }
            }
            D::Handle => person::handles(self, re, text, within, facts, out),
            D::ChatHeader => person::chat_headers(self, re, text, within, facts, out),
            D::OrgOfPerson => {
                for c in captures(re, text, within) {
                    if let Some(rest) = c.name("rest") {
                        self.org_after_person(text, rest.start(), facts, out);
                    }
                }
            }
            D::PersonList => {
                for c in captures(re, text, within) {
                    let Some(name) = c.name("a").or(c.name("b")) else {
                        continue;
                    };
                    // a list of people: two of the items next to it are people alone
                    // ("Sofia, Bulgaria, experienced…" is no list)
                    if !in_list_of_people(text, name.start(), name.end()) {
                        continue;
                    }
                    let words: Vec<&str> = name.as_str().split(' ').collect();
                    let particle = |l: &str| person::PARTICLES.contains(&l);
                    let shaped = |w: &str, l: &str| {
                        person::name_shaped(w)
                            && !TEAM_WORDS.contains(&l)
                            && !person::ROLE_WORDS.contains(&l)
                            && month_index(l).is_none()
                    };
                    let name_word = |l: &str| {
                        LISTS.given.contains(l)
                            || LISTS.given_common.contains(l)
                            || LISTS.surnames.contains(l)
                            || (!is_common_word(l) && !person::is_english_word(l))
                    };
                    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                    let all_shaped = words
                        .iter()
                        .zip(&lower)
                        .all(|(w, l)| particle(l) || shaped(w, l));
                    let names = words
                        .iter()
                        .zip(&lower)
                        .filter(|(w, l)| !particle(l) && name_word(l) && !self.is_protected_term(w))
                        .count();
                    let others = lower.iter().filter(|l| !particle(l)).count();
                    // an English word or a product name beside a name word in a list of people
                    // is a name too ("Karma Tshering", "Jasmine Toala"); alone it is not
                    // ("Finance", "Jenkins")
                    let ok = all_shaped
                        && (names == others
                            || (names >= 1
                                && others >= 2
                                && !lower.iter().any(|l| {
                                    matches!(
                                        l.as_str(),
                                        "the"
                                            | "of"
                                            | "and"
                                            | "for"
                                            | "to"
                                            | "in"
                                            | "on"
                                            | "at"
                                            | "from"
                                            | "with"
                                    )
                                })));
                    if ok && !self.is_protected_term(name.as_str()) {
                        person::push_person(text, name.start(), name.end(), facts, out);
                    }
                }
            }
            D::SignOff | D::SignDash => person::sign_offs(self, re, text, within, facts, out),
        }
    }

    fn email(&self, text: &str, s: usize, e: usize, facts: &mut DocFacts, out: &mut Vec<Cand>) {
        let m = &text[s..e];
        // "kadri.tamm%40mosslands-utilities.org": an address URL-encoded in a query string
        let Some((local, domain)) = m.rsplit_once('@').or_else(|| m.rsplit_once("%40")) else {
            return;
        };
        // "scheme://user:pass@host" is a connection string (D::Conn)
        let token_start = text[..s]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |p| p + 1);
        if text[token_start..s].contains("://") {
            return;
        }
        let domain_l = domain.to_lowercase();
        let local_l = local.to_lowercase();
        // "git@github.com:org/repo" and similar service accounts on public hosts
        if SYSTEM_ACCOUNTS.contains(&local_l.as_str())
            && matches!(self.classify_host(&domain_l), HostClass::Keep)
        {
            return;
        }
        if INTERNAL_TLDS.iter().any(|t| domain_l.ends_with(t)) {
            if !SYSTEM_ACCOUNTS.contains(&local_l.as_str()) {
                out.push(Cand::new(s, s + local.len(), Kind::Username).key(local_l));
            }
            out.push(Cand::new(e - domain.len(), e, Kind::Host).key(domain_l));
            return;
        }
        if let Some(org) = org_from_domain(&domain_l) {
            if !self.is_protected_term(&org) && !FREEMAIL.contains(&registrable(&domain_l)) {
                facts.orgs.push(org);
            }
        }
        out.push(Cand::new(s, e, Kind::Email).key(m.to_lowercase()).prio(100));
        self.display_name(text, s, &local_l, facts, out);
    }

    /// "Tan Boon Keng <boonkeng.tan@…>": the display name before an address in angle
    /// brackets is a person when its words make up the address's local part.
    fn display_name(
        &self,
        text: &str,
        s: usize,
        local: &str,
        facts: &mut DocFacts,
        out: &mut Vec<Cand>,
    ) {
        let Some(before) = text[..s].strip_suffix(" <") else {
            return;
        };
        let line = &before[before
            .rfind(['\n', '"', '\'', ':', ',', ';', '('])
            .map_or(0, |p| p + 1)..];
        let name = line.trim_start();
        let start = s - 2 - name.len();
        let words: Vec<&str> = name.split(' ').collect();
        if !(2..=4).contains(&words.len())
            || !words
                .iter()
                .all(|w| person::name_shaped(w) && w.chars().next().is_some_and(char::is_uppercase))
            || self.is_protected_term(name)
        {
            return;
        }
        // every word of the local part is a word of the name, or its initial ("w.kamau")
        let folded: Vec<String> = words
            .iter()
            .map(|w| person::fold_ascii(&w.to_lowercase()))
            .collect();
        let parts: Vec<&str> = local
            .split(['.', '_', '-'])
            .filter(|p| !p.is_empty())
            .collect();
        let mut rest_ok = true;
        let mut named = 0;
        for p in &parts {
            let p = p.trim_end_matches(|c: char| c.is_ascii_digit());
            if folded.iter().any(|w| w == p) {
                named += 1;
            } else if folded.iter().any(|w| {
                p.len() >= 4
                    && p.starts_with(w.as_str())
                    && folded.iter().any(|v| v != w && p[w.len()..] == **v)
            }) {
                // "boonkeng": two words run together
                named += 2;
            } else if !(p.len() == 1 && folded.iter().any(|w| w.starts_with(p))) {
                rest_ok = false;
            }
        }
        if rest_ok && named >= 1 && (named >= 2 || parts.len() >= 2) {
            person::push_person(text, start, start + name.len(), facts, out);
        }
    }

    fn url(&self, text: &str, s: usize, e: usize, facts: &mut DocFacts, out: &mut Vec<Cand>) {
        let mut e = e;
        // trim trailing punctuation and unbalanced closing brackets
        loop {
            let u = &text[s..e];
            let Some(last) = u.chars().last() else { return };
            let trim = match last {
                '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_' => true,
                ')' => u.matches('(').count() < u.matches(')').count(),
                ']' => u.matches('[').count() < u.matches(']').count(),
                '}' => u.matches('{').count() < u.matches('}').count(),
                _ => false,
            };
            if !trim {
                break;
            }
            e -= last.len_utf8();
        }
        let u = &text[s..e];
        let Some(rest) = u.split_once("://").map(|(_, r)| r) else {
            return;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if authority.contains('@') {
            return; // credentials: handled by D::Conn
        }
        let host = authority
            .rsplit_once(':')
            .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
            .map(|(h, _)| h)
            .unwrap_or(authority)
            .to_lowercase();
        if host.is_empty() {
            return;
        }
        if DOC_HOSTS.contains(&host.as_str()) || KEEP_IPS.contains(&host.as_str()) {
            return;
        }
        // "https://github.com/kubernetes/kubernetes/issues/110211": an upstream project's
        // issue is a technical fact, as "github.com/golang/go" is without the scheme
        if matches!(host.as_str(), "github.com" | "gitlab.com" | "bitbucket.org") {
            let owner = rest
                .split(['?', '#'])
                .next()
                .and_then(|p| p.split('/').nth(1))
                .unwrap_or("")
                .to_lowercase();
            if PUBLIC_CODE_OWNERS.contains(&owner.as_str()) {
                return;
            }
        }
        if let HostClass::Redact(Some(org)) = self.classify_host(&host) {
            facts.orgs.push(org);
        }
        out.push(Cand::new(s, e, Kind::Url).key(u.to_lowercase()).prio(100));
    }

    fn conn(&self, text: &str, c: &Captures<'_>, facts: &mut DocFacts, out: &mut Vec<Cand>) {
        let (Some(user), Some(host)) = (c.get(1), c.get(3)) else {
            return;
        };
        let u = user.as_str();
        // "https://a91c0e7f3b2d4e56@o448812.ingest.sentry.io/5512309": a key, not a user
        let no_password = c.get(2).is_none_or(|p| p.as_str().is_empty());
        if no_password && u.len() >= 12 && u.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Some(all) = c.get(0) {
                let rest = &text[all.end()..];
                let tail = rest
                    .find(|ch: char| {
                        ch.is_whitespace() || matches!(ch, '"' | '\'' | '<' | '>' | '`')
                    })
                    .unwrap_or(rest.len());
                let end = all.end() + rest[..tail].trim_end_matches(['.', ',', ';', ')']).len();
                out.push(Cand::new(all.start(), end, Kind::Secret).prio(96));
                return;
            }
        }
        if !u.starts_with('[')
            && !SYSTEM_ACCOUNTS.contains(&u.to_lowercase().as_str())
            && !is_placeholder_value(u)
        {
            out.push(Cand::new(user.start(), user.end(), Kind::Username).prio(90));
        }
        if let Some(p) = c.get(2) {
            if !p.as_str().is_empty()
                && !p.as_str().starts_with('[')
                && !is_placeholder_value(p.as_str())
            {
                out.push(Cand::new(p.start(), p.end(), Kind::Secret).prio(95));
            }
        }
        let h = host.as_str().trim_matches(['[', ']']);
        if h.starts_with('[')
            || host.as_str().starts_with("[HOST")
            || host.as_str().starts_with("[IP")
        {
            return;
        }
        let lower = h.to_lowercase();
        if lower == "localhost" {
            return;
        }
        if lower.parse::<std::net::IpAddr>().is_ok() {
            if !KEEP_IPS.contains(&lower.as_str()) && !lower.starts_with("127.") {
                out.push(
                    Cand::new(host.start(), host.end(), Kind::Ip)
                        .key(lower)
                        .prio(90),
                );
            }
            return;
        }
        match self.classify_host(&lower) {
            HostClass::Keep if lower.contains('.') => {}
            HostClass::Redact(Some(org)) => {
                facts.orgs.push(org);
                out.push(
                    Cand::new(host.start(), host.end(), Kind::Host)
                        .key(lower)
                        .prio(90),
                );
            }
            _ => out.push(
                Cand::new(host.start(), host.end(), Kind::Host)
                    .key(lower)
                    .prio(90),
            ),
        }
    }

    fn gps_dec(&self, text: &str, s: usize, e: usize, out: &mut Vec<Cand>) {
        let b = text.as_bytes();
        if s > 0 && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'.') {
            return;
        }
        if e < b.len()
            && (b[e].is_ascii_digit()
                || b[e] == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_digit))
        {
            return;
        }
        let m = &text[s..e];
        let nums: Vec<&str> = m
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter(|p| p.contains('.') && p.len() > 2)
            .collect();
        if nums.len() != 2 {
            return;
        }
        let (Ok(lat), Ok(lon)) = (nums[0].parse::<f64>(), nums[1].parse::<f64>()) else {
            return;
        };
        if lat.abs() > 90.0 || lon.abs() > 180.0 {
            return;
        }
        let decimals = |n: &str| n.split('.').nth(1).map_or(0, str::len);
        let lower = m.to_lowercase();
        let context = lower.chars().next().is_some_and(char::is_alphabetic)
            || m.contains('°')
            || m.trim_end().ends_with(['E', 'W']);
        if !context && (decimals(nums[0]) < 4 || decimals(nums[1]) < 4) {
            return;
        }
        // keep a leading label ("lat:") out of the span
        let start = m
            .find(|c: char| c == '-' || c.is_ascii_digit())
            .map_or(s, |p| s + p);
        out.push(Cand::new(start, e, Kind::Gps));
    }

    fn date(&self, d: D, text: &str, c: &Captures<'_>, out: &mut Vec<Cand>) {
        let Some(all) = c.get(0) else { return };
        let b = text.as_bytes();
        let (mut s, mut e) = (all.start(), all.end());
        // a time written with a dot, as chat exports and German and Indonesian texts do:
        // "02/09/24 08.15 - Rizky:", "08.10.2024 14.20 Uhr"
        if let Some(r) = text[e..].strip_prefix(' ') {
            let rb = r.as_bytes();
            let dotted = rb.len() >= 5
                && rb[..2].iter().all(u8::is_ascii_digit)
                && rb[2] == b'.'
                && rb[3..5].iter().all(u8::is_ascii_digit)
                && [" - ", " Uhr", " WIB", " WITA", " h "]
                    .iter()
                    .any(|t| r[5..].starts_with(t));
            if dotted {
                e += 6;
            }
        }
        if e < b.len()
            && (b[e].is_ascii_digit()
                || (matches!(b[e], b'.' | b'-' | b'/')
                    && b.get(e + 1).is_some_and(u8::is_ascii_digit)))
        {
            return;
        }
        // "2024-06-01..2024-06-07": a range's second date, not a version's tail
        let range = s >= 2 && b.get(s - 2..s) == Some(b"..".as_slice());
        if s > 0
            && !range
            && (matches!(b[s - 1], b'.' | b'/' | b'-' | b'v' | b'V') || b[s - 1].is_ascii_digit())
        {
            return;
        }
        // a time zone glued to a word ("03:12 UTCkafka") is not a date's end; a zone read
        // from the start of the next word ("23:58:02 BATCH" as "BAT") is no zone at all
        if text[e..].starts_with(|c: char| c.is_alphanumeric()) {
            let m = &text[s..e];
            match m.rfind(' ') {
                Some(p)
                    if p > 0
                        && m[p + 1..].bytes().all(|b| b.is_ascii_uppercase())
                        && m[..p].ends_with(|c: char| c.is_ascii_digit()) =>
                {
                    e = s + p;
                }
                _ => return,
            }
        }
        // the ASCII word boundary lets "on …" start inside a non-ASCII word ("Priyaﬁon 14 March")
        if text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && text[s..].starts_with(|c: char| c.is_alphabetic())
        {
            return;
        }
        // "apiVersion: \"2023-10-16\"", "?api-version=2023-10-16": an API's version, no date
        let key_before = text[..s]
            .trim_end_matches(['"', '\'', ' ', '\t', ':', '='])
            .to_ascii_lowercase();
        if key_before.ends_with("apiversion")
            || key_before.ends_with("api-version")
            || key_before.ends_with("api_version")
        {
            return;
        }
        let m = &text[s..e];
        let (month, year): (usize, Option<u32>) = match d {
            D::DateIso => {
                let digits: Vec<&str> = m
                    .split(|ch: char| !ch.is_ascii_digit())
                    .filter(|p| p.len() == 4 || p.len() == 2)
                    .collect();
                // find the YYYY-MM-DD triple
                let Some(pos) = m.find(|ch: char| ch.is_ascii_digit()) else {
                    return;
                };
                let tail = &m[pos..];
                let y = tail.get(0..4).and_then(|v| v.parse::<u32>().ok());
                let mo = tail.get(5..7).and_then(|v| v.parse::<usize>().ok());
                let dd = tail.get(8..10).and_then(|v| v.parse::<u32>().ok());
                let _ = digits;
                match (y, mo, dd) {
                    (Some(y), Some(mo), Some(dd))
                        if (1..=12).contains(&mo) && (1..=31).contains(&dd) =>
                    {
                        (mo, Some(y))
                    }
                    _ => return,
                }
            }
            D::DateNum if c.name("da").is_some() => {
                // "14-05-2024": day first, as in most of the world (a month above 12 in the
                // first place reads it the other way)
                let (Some(a), Some(bb), Some(y)) = (c.name("da"), c.name("db"), c.name("dy"))
                else {
                    return;
                };
                let (Ok(a), Ok(bv), Ok(y)) = (
                    a.as_str().parse::<usize>(),
                    bb.as_str().parse::<usize>(),
                    y.as_str().parse::<u32>(),
                ) else {
                    return;
                };
                let month = if (1..=12).contains(&a) && (1..=12).contains(&bv) {
                    // both could be the month: the report's other dates tell its order
                    // ("07-31-2023" elsewhere makes "01-10-2024" the 10th of January)
                    if month_first_dates(text) {
                        a
                    } else {
                        bv
                    }
                } else if (1..=12).contains(&bv) && (13..=31).contains(&a) {
                    bv
                } else if (1..=12).contains(&a) && (13..=31).contains(&bv) {
                    a
                } else {
                    return;
                };
                (month, Some(y))
            }
            D::DateIntlDm => {
                let Some(fm) = c.name("fm") else {
                    return;
                };
                // "09:05 Mei Xu", "02:04 Maja Kowalczyk": minutes and a name
                if text[..s].ends_with(':') {
                    return;
                }
                // "12 mart-style builds": the word goes on
                if text[fm.end()..].starts_with(['-', '_']) {
                    return;
                }
                let lower = fm.as_str().chars().next().is_some_and(char::is_lowercase);
                let next_word = text[fm.end()..].strip_prefix(' ').unwrap_or("");
                if !lower && next_word.starts_with(char::is_uppercase) {
                    return;
                }
                // English months are DateDm's, but for Dutch and Scandinavian lowercase ones
                let Some(mo) = foreign_month_index(fm.as_str()).or_else(|| {
                    LOWERCASE_ENGLISH_MONTHS
                        .contains(&fm.as_str())
                        .then(|| month_index(fm.as_str()))
                        .flatten()
                }) else {
                    return;
                };
                (mo, c.name("y").and_then(|y| y.as_str().parse::<u32>().ok()))
            }
            D::DateIntl => {
                let (Some(fm), Some(y)) = (c.name("fm"), c.name("y")) else {
                    return;
                };
                // Dutch and Scandinavian write some months as English does, in lowercase
                let Some(mo) =
                    foreign_month_index(fm.as_str()).or_else(|| month_index(fm.as_str()))
                else {
                    return;
                };
                (mo, y.as_str().parse::<u32>().ok())
            }
            D::DateNum => {
                let (Some(a), Some(bb), Some(y), Some(s1), Some(s2)) = (
                    c.name("a"),
                    c.name("b"),
                    c.name("y"),
                    c.name("s1"),
                    c.name("s2"),
                ) else {
                    return;
                };
                if s1.as_str() != s2.as_str() {
                    return;
                }
                let (Ok(a), Ok(bv)) = (a.as_str().parse::<usize>(), bb.as_str().parse::<usize>())
                else {
                    return;
                };
                let mut y: u32 = y.as_str().parse().unwrap_or(0);
                if y < 100 {
                    if s1.as_str() != "/" {
                        return;
                    }
                    y += 2000;
                }
                let month = if a > 12 && (1..=12).contains(&bv) {
                    if a > 31 {
                        return;
                    }
                    bv
                } else if bv > 12 && (1..=12).contains(&a) {
                    if bv > 31 {
                        return;
                    }
                    a
                } else if (1..=12).contains(&a) && (1..=12).contains(&bv) {
                    if s1.as_str() == "." {
                        bv
                    } else {
                        a
                    }
                } else {
                    return;
                };
                (month, Some(y))
            }
            _ => {
                let Some(mname) = c.name("m") else { return };
                let Some(mo) = month_index(mname.as_str()) else {
                    return;
                };
                // the year after the time of a timestamp: "Mon Jul 15 10:41:07 2024 -0300"
                // a two-digit year of this century ("20/Feb/24")
                let y = c
                    .name("y")
                    .or(c.name("ty"))
                    .and_then(|y| y.as_str().parse::<u32>().ok())
                    .map(full_year);
                (mo, y)
            }
        };
        if let Some(y) = year {
            if !(1900..=2100).contains(&y) {
                return;
            }
        }
        // keep trailing whitespace out of the span
        while e > s && b[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        let Some(general) = month_year(month, year) else {
            return;
        };
        let mut lead = m.trim_start();
        // A time range that ends at this date ("between 06:52 UTC and 20:10 UTC on 20 May",
        // "from 09:00 to 11:30 on 3 March") starts with a time of day: it goes too.
        let mut from = s.saturating_sub(TIME_RANGE_REACH);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = TIME_RANGE_BEFORE
            .as_ref()
            .and_then(|re| re.captures(&text[from..s]));
        if let Some(range) = before {
            if let Some(whole) = range.get(0) {
                s = from + whole.start();
                lead = match range.name("lead") {
                    Some(word) if word.as_str().starts_with(char::is_uppercase) => "On ",
                    Some(_) => "on ",
                    None => lead,
                };
            }
        }
        let replacement =
            if lead.starts_with("on ") || lead.starts_with("at ") || lead.starts_with("on\t") {
                format!("in {general}")
            } else if lead.starts_with("On ") || lead.starts_with("At ") {
                format!("In {general}")
            } else {
                general
            };
        // a bare "March 2024" stays as it is
        if text[s..e] == replacement {
            return;
        }
        out.push(Cand::new(s, e, Kind::Date).fixed(replacement));
    }

    /// "Kilbride Savings Bank", "Pacific Crest Airways", "Vistek Automation": capitalised words
    /// before a noun that names a kind of organisation. Weak nouns ("Group", "Services") also
    /// name parts of systems ("Security Group", "Web Services"), so they need a word that is
    /// neither English nor technology.
    fn org_noun(&self, text: &str, c: &Captures<'_>, facts: &mut DocFacts, out: &mut Vec<Cand>) {
        let (Some(name), Some(_), Some(all)) = (c.name("name"), c.name("sfx"), c.get(0)) else {
            return;
        };
        // the pattern's word boundary is ASCII: "Mart" of "José Martín" ends before a letter
        if text[all.end()..]
            .chars()
            .next()
            .is_some_and(crate::is_word_char)
        {
            return;
        }
        // the greedy name may have eaten the first word of a strong noun ("Dales | Community
        // Trust" read as "Dales Community | Trust"): the noun is strong if any tail of the
        // phrase is
        let phrase_all = &text[name.start()..all.end()];
        let strong = ORG_NOUNS.iter().any(|(w, strong)| {
            *strong
                && phrase_all.ends_with(w)
                && (phrase_all.len() == w.len()
                    || phrase_all[..phrase_all.len() - w.len()].ends_with([' ', '\t']))
        });
        // leading words that are not part of the name: sentence starts, verbs, roles
        let mut start = name.start();
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut at = name.start();
        for w in name.as_str().split([' ', '\t']) {
            if !w.is_empty() {
                words.push((at, w));
            }
            at += w.len() + 1;
        }
        // "… a router in Atlanta. Service was restored": a word with a full stop that is no
        // abbreviation ends a sentence, and the name starts after it
        let sentence_end = words.iter().rposition(|(_, w)| {
            w.ends_with('.')
                && w.chars().filter(|c| c.is_alphabetic()).count() > 3
                && !w.trim_end_matches('.').contains('.')
        });
        if let Some(k) = sentence_end {
            if k + 1 >= words.len() {
                return;
            }
            words.drain(..=k);
        }
        // "Service" or "Software" before another capitalised word is part of a title
        // ("Database Service Management", "Wide Area Network Software Defined Network"), not a
        // company's name
        let next_word_capital = text[all.end()..]
            .strip_prefix([' ', '\t'])
            .is_some_and(|r| r.starts_with(char::is_uppercase));
        if (text[..all.end()].ends_with("Service") || text[..all.end()].ends_with("Software"))
            && next_word_capital
        {
            return;
        }
        start = words.first().map_or(start, |(s, _)| *s);
        // "Operator: Aurora Coastal Airlines": the whole value of a field is the name
        let whole_field = field_value(text, start, all.end());
        // "the charity Harbor Lights Foundation": after a word that says a company follows,
        // ordinary words are the name's own
        let cued_name = company_cue_before(text, start);
        let mut first = 0;
        while let Some(&(ws, w)) = words.get(first) {
            let l = w.trim_end_matches(['.', ',']).to_lowercase();
            let before = text[..ws].trim_end_matches([' ', '\t']);
            let sentence_start = before.is_empty()
                || before.ends_with(['.', '!', '?', ':', '\n', '#', '*', '(', '"', '|', ','])
                || before.ends_with(" -");
            let leading = COMMON_VERBS.contains(&l.as_str())
                || person::ROLE_WORDS.contains(&l.as_str())
                || ORG_LEAD_STOP.contains(&l.as_str())
                || (sentence_start
                    && !whole_field
                    && is_common_word(&l)
                    // "- Red Gum Airlines": before a strong noun, a name of ordinary words
                    // keeps its first one
                    && !(strong
                        && first == 0
                        && words.len() > 1
                        && words[1..].iter().all(|(_, w)| {
                            person::is_english_word(&w.to_lowercase())
                        }))
                    // "Royal Severn Infirmary", "St Jude Hospital": the name's own first word
                    && !matches!(l.as_str(), "royal" | "saint" | "st" | "new" | "great")
                    && words.len() - first > 1
                    // "Al Noor Manpower Services", "El Salam Trading": a particle of the name
                    && !(person::PARTICLES.contains(&l.as_str())
                        && w.starts_with(char::is_uppercase)))
                || (person::looks_english(&l) && words.len() - first > 1 && !strong && !cued_name);
            if leading {
                first += 1;
                start = words.get(first).map_or(name.end(), |(s, _)| *s);
            } else {
                break;
            }
        }
        // "our PSP Navkar Payments": a leading acronym names the role, not the company
        while words.len() - first > 1
            && words
                .get(first)
                .is_some_and(|(_, w)| w.len() <= 4 && w.bytes().all(|b| b.is_ascii_uppercase()))
        {
            first += 1;
            start = words.get(first).map_or(name.end(), |(s, _)| *s);
        }
        let core: Vec<&str> = words.iter().skip(first).map(|(_, w)| *w).collect();
        let Some(first_word) = core.first() else {
            return;
        };
        if !first_word.starts_with(|c: char| c.is_uppercase()) {
            return;
        }
        let end = all.end();
        let phrase = &text[start..end];
        let protected = |w: &&str| {
            let w = w.trim_end_matches(['\'', '’', 's']);
            self.is_protected_term(w) && !w.is_empty()
        };
        // a technology word inside a name is the name's own word when the name starts with
        // one of its own and ends in a strong noun ("Mercia Cargo Airlines", not "Kafka Connect
        // Services")
        let own_word_first = core.first().is_some_and(|w| !protected(w));
        if self.is_protected_term(phrase)
            || (core.iter().any(protected)
                && !(strong && (own_word_first || whole_field) && core.len() >= 2))
        {
            return;
        }
        // "Azure DevTest Labs": a glued name after a vendor or technology is its product
        let after_vendor = text[..start]
            .trim_end_matches([' ', '\t'])
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| !w.is_empty() && self.is_protected_term(w));
        // a word shaped like a name ("Vistek", not "ExpressRoute", "GCVE" or "German")
        let distinctive = core.iter().any(|w| {
            let w = w
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_matches(|c: char| !c.is_alphanumeric());
            // "Vistek", "Al-Noor": each part of the word capitalised, then lowercase
            let title_case = !w.is_empty()
                && w.split('-').all(|part| {
                    let mut chars = part.chars();
                    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
                });
            let l = w.to_lowercase();
            (title_case
                && l.chars().count() >= 3
                && !is_common_word(&l)
                && !person::is_english_word(&l)
                && !self.vocab.contains_term(&l)
                && !NATIONALITIES.contains(&l.as_str()))
                || (camel_case_name(w) && !self.vocab.contains_term(&l) && !after_vendor)
        });
        // "the inspector, Apex Lifting Inspections": a word before that says a company follows
        let company_cued = company_cue_before(text, start);
        if !strong
            && !distinctive
            && !company_cued
            && !self.ordinary_words_name(text, start, end, &core)
        {
            return;
        }
        // "Sterile Processing", "Site Safety": nouns that name departments and functions as
        // often as companies take a name-shaped word, or a word that says a company follows
        let suffix = c.name("sfx").map_or("", |m| m.as_str());
        if FUNCTION_NOUNS.contains(&suffix)
            && ((!distinctive && !company_cued)
                || TECHNICAL_COMPOUNDS.iter().any(|t| phrase.ends_with(t)))
        {
            return;
        }
        // "National Insurance", "General Hospital", "Travel Insurance": generic, not a name
        if let [only] = core.as_slice() {
            if ORG_GENERIC_MODIFIERS.contains(&only.to_lowercase().as_str()) {
                return;
            }
        }
        // an all-capitals name before the noun is an acronym of the system ("AWS Systems")
        if core.iter().all(|w| w.chars().all(|c| !c.is_lowercase())) {
            return;
        }
        facts.orgs.push(phrase.to_lowercase());
        self.org_head(&core.join(" "), facts);
        out.push(Cand::new(start, end, Kind::Org).key(normalise_key(Kind::Org, phrase)));
    }

    /// "shipped by Polar Mechanical Services", "paged Hallmark Retail Group": ordinary words,
    /// capitalised in the middle of a lowercase sentence before a kind-of-company noun, are the
    /// name of a company. Not at a sentence start or in a heading (where every word is
    /// capitalised), and not when a word is a technology or vendor ("Amazon Web Services") or
    /// the words only say what kind of business it is ("Customer Services").
    fn ordinary_words_name(&self, text: &str, start: usize, end: usize, core: &[&str]) -> bool {
        let before = text[..start].trim_end_matches([' ', '\t']);
        if before.len() == text[..start].len() {
            return false;
        }
        if field_value(text, start, end) && !core.is_empty() && core.len() <= 3 {
            return self.not_descriptive(core);
        }
        let prev_word = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .next()
            .unwrap_or("");
        let mid_sentence = before.ends_with(|c: char| c.is_lowercase())
            && prev_word
                .chars()
                .all(|c| c.is_lowercase() || c == '\'' || c == '’')
            && !prev_word.is_empty();
        if !mid_sentence || core.is_empty() || core.len() > 3 {
            return false;
        }
        // the first word of a technical phrase: "Cognitive", "Distributed", "Affordable"
        let first = core[0].to_lowercase();
        if person::looks_english(&first)
            || first.ends_with("ed")
            || first.ends_with("al")
            || first.ends_with("ent")
        {
            return false;
        }
        self.not_descriptive(core)
    }

    /// Every word of `core` is a capitalised ordinary word that names no technology, month,
    /// day or nationality, and not all of them only say what kind of business it is.
    fn not_descriptive(&self, core: &[&str]) -> bool {
        let mut descriptive = true;
        for w in core {
            let w = w.trim_end_matches("'s").trim_end_matches("’s");
            let mut chars = w.chars();
            let title_case = chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_lowercase() || c == '-');
            let l = w.to_lowercase();
            if !title_case
                || l.chars().count() < 3
                || self.is_protected_term(w)
                || self.vocab.contains_term(&l)
                || NATIONALITIES.contains(&l.as_str())
                || person::MONTH_WORDS.contains(&l.as_str())
                || matches!(
                    l.as_str(),
                    "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                )
            {
                return false;
            }
            if ORG_TECH_WORDS.contains(&l.as_str()) {
                return false;
            }
            if !ORG_GENERIC_MODIFIERS.contains(&l.as_str())
                && !ORG_NOUNS.iter().any(|(n, _)| n.eq_ignore_ascii_case(&l))
                && !ORG_DESCRIPTIVE_WORDS.contains(&l.as_str())
            {
                descriptive = false;
            }
        }
        !descriptive
    }

    /// The first word of a several-word organisation name that may stand for it alone
    /// ("Crescent" of "Crescent Trust Bank", "Brennan" of "Brennan Agricultural"): a capitalised
    /// word of four letters or more that says neither what kind of business it is nor which
    /// technology ("Global", "Cloud"), nor a nationality or a month.
    pub(crate) fn org_head_word(&self, name: &str) -> Option<String> {
        let mut words = name.split_whitespace();
        let (Some(first), Some(_)) = (words.next(), words.next()) else {
            return None;
        };
        let mut chars = first.chars();
        let title_case =
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
        let l = first.to_lowercase();
        let plain = title_case
            && l.chars().count() >= 4
            && !self.is_protected_term(first)
            && !NATIONALITIES.contains(&l.as_str())
            && !ORG_GENERIC_MODIFIERS.contains(&l.as_str())
            && !ORG_DESCRIPTIVE_WORDS.contains(&l.as_str())
            && !ORG_TECH_WORDS.contains(&l.as_str())
            && !ORG_LEAD_STOP.contains(&l.as_str())
            && !person::ROLE_WORDS.contains(&l.as_str())
            && !person::MONTH_WORDS.contains(&l.as_str())
            && !ORG_NOUNS.iter().any(|(n, _)| n.eq_ignore_ascii_case(&l))
            // "Banco" of "Banco Serrano": a kind of firm, not the firm
            && !ORG_PREFIX_WORDS.contains(&l);
        plain.then_some(l)
    }

    /// The initials of an organisation's name of three capitalised words or more ("RVMC" of
    /// "Riverton Valley Medical Center"), unless they spell a technology or a term of the trade.
    pub(crate) fn org_acronym(&self, name: &str) -> Option<String> {
        let words: Vec<&str> = name
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .collect();
        let legal = |w: &str| {
            let w = w.trim_end_matches('.');
            [
                "Inc", "Ltd", "LLC", "GmbH", "AG", "SA", "PLC", "Corp", "Co", "BV", "NV", "AB",
                "AS", "Oy",
            ]
            .contains(&w)
        };
        let acronym: String = words
            .iter()
            .filter(|w| !legal(w))
            .filter_map(|w| w.chars().next())
            .collect();
        let ok = (3..=6).contains(&acronym.chars().count())
            && acronym.chars().all(|c| c.is_ascii_uppercase())
            && !self.is_protected_term(&acronym)
            && !crate::lexicon::AVIATION_ABBREVIATIONS.contains(&acronym.as_str());
        ok.then_some(acronym)
    }

    /// The first word of a several-word organisation name goes too wherever it appears alone
    /// ("Tellwave" after "Tellwave Communications Pty Ltd"), when it is shaped like a name and
    /// is no English word.
    fn org_head(&self, name: &str, facts: &mut DocFacts) {
        let mut words = name.split_whitespace();
        let (Some(first), Some(_)) = (words.next(), words.next()) else {
            return;
        };
        let mut chars = first.chars();
        let title_case =
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
        let l = first.to_lowercase();
        if title_case
            && l.chars().count() >= 4
            && !is_common_word(&l)
            && !person::is_english_word(&l)
            && !self.is_protected_term(first)
            && !NATIONALITIES.contains(&l.as_str())
            && !LISTS.given.contains(&l)
            && !ORG_PREFIX_WORDS.contains(&l)
        {
            facts.orgs.push(l);
        }
    }

    fn legal(&self, text: &str, c: &Captures<'_>, facts: &mut DocFacts, out: &mut Vec<Cand>) {
        let (Some(name), Some(sfx)) = (c.name("name"), c.name("sfx")) else {
            return;
        };
        let b = text.as_bytes();
        // the pattern reads one character past the form so that "Ltd Incident" is not read
        // as "Ltd Inc"
        let end = sfx.end();
        if end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
            return;
        }
        if name.start() > 0
            && text[..name.start()]
                .chars()
                .next_back()
                .is_some_and(crate::is_word_char)
        {
            return;
        }
        let sfx_s = sfx.as_str();
        // "Siemens S7-1200 PLC": a programmable logic controller
        if sfx_s.eq_ignore_ascii_case("plc") && name.as_str().bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        if matches!(
            sfx_s,
            "SA" | "AB"
                | "AG"
                | "KG"
                | "NV"
                | "BV"
                | "SL"
                | "ASA"
                | "SAS"
                | "Oy"
                | "AS"
                | "JSC"
                | "SAC"
                | "SRL"
                | "DAC"
                | "UAB"
                | "KK"
        ) {
            // short uppercase suffixes: only after a name that is not an acronym itself
            if name
                .as_str()
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c == b' ')
            {
                return;
            }
        }
        // drop leading ordinary words ("Yesterday Acme Inc" -> "Acme Inc") and anything before
        // a sentence end ("at 10:00 UTC. Limited impact")
        let mut core = name.as_str();
        if let Some(p) = core.rfind(". ") {
            let before = &core[..p];
            let abbrev = before
                .rsplit([' ', '\t'])
                .next()
                .is_some_and(|w| matches!(w, "St" | "Mt" | "Ft" | "Dr" | "Bros" | "Co" | "Intl"));
            if !abbrev {
                core = &core[p + 2..];
            }
        }
        let mut start = name.end() - core.len();
        // a line that is the name and nothing else ("Red Lantern Media Ltd" under a signature)
        // keeps its ordinary first words
        let line_before = text[..start].rsplit('\n').next().unwrap_or("");
        let line_after = text[end..].split('\n').next().unwrap_or("");
        let whole_field = core.len() == name.as_str().len() && field_value(text, start, end);
        let whole_line = core.len() == name.as_str().len()
            && !matches!(
                sfx_s,
                "Limited" | "Private" | "Incorporated" | "Corporation"
            )
            && line_before.trim().is_empty()
            && line_after.trim().is_empty();
        while let Some((first, rest)) = core.split_once([' ', '\t']) {
            if whole_line {
                break;
            }
            let fl = first.to_lowercase();
            // "Van der Hoek Logistics B.V.": a particle before a name is part of it
            if crate::person::PARTICLES.contains(&fl.as_str())
                && first.starts_with(char::is_uppercase)
            {
                break;
            }
            let next_cap = rest.trim_start().starts_with(|c: char| c.is_uppercase());
            // a capitalised ordinary word mid-sentence before more capitalised words is part of
            // the name ("at Juniper Clinics GmbH"); at a sentence start it is not ("Yesterday …")
            let before = text[..start].trim_end_matches([' ', '\t']);
            let sentence_start = before.is_empty()
                || before.ends_with(['.', '!', '?', ':', '\n', '#', '*', '-', '(', '"'])
                || first.starts_with(|c: char| c.is_lowercase());
            let part_of_name = next_cap
                && (!sentence_start || whole_field)
                && !COMMON_VERBS.contains(&fl.as_str());
            // "ein Airbus A319 der Alpenflug Charter AG": a technology and its model number,
            // then an article, come before the name
            let model_next = rest
                .split([' ', '\t'])
                .next()
                .is_some_and(|w| w.bytes().any(|b| b.is_ascii_digit()));
            if self.vocab.contains_term(first) && model_next {
                let after_model = rest.trim_start();
                core = after_model
                    .split_once([' ', '\t'])
                    .map_or("", |(_, r)| r.trim_start());
                start = name.end() - core.len();
                continue;
            }
            if (is_common_word(&fl) && !part_of_name)
                || matches!(fl.as_str(), "der" | "die" | "das" | "des")
                || (self.vocab.contains_term(first) && !next_cap)
                || COMMON_VERBS.contains(&fl.as_str())
                || (first.ends_with(['.', ',']) && !matches!(first, "St." | "Mt." | "Ft." | "Dr."))
            {
                core = rest.trim_start();
                start = name.end() - core.len();
            } else {
                break;
            }
        }
        // "Ein Skript der Firma Datenbrücke GmbH": German articles and "Firma" come before
        // the name
        // ("Van der Hoek Logistics B.V.", "Von der Heyden GmbH": a particle, not an article)
        if let Some(p) = [
            " der ", " die ", " das ", " des ", " den ", " dem ", "Firma ",
        ]
        .iter()
        .filter_map(|a| core.rfind(a).map(|p| (p, p + a.len())))
        .filter(|&(p, _)| {
            let before = core[..p].rsplit(' ').next().unwrap_or("").to_lowercase();
            !matches!(before.as_str(), "van" | "von" | "de" | "ter" | "vander")
        })
        .map(|(_, e)| e)
        .max()
        {
            if p < core.len() {
                core = &core[p..];
                start = name.end() - core.len();
            }
        }
        // "Mr. Nam Kyung-soo of Daeyang Rigging Co., Ltd.": a person of the company
        if let Some((who, firm)) = core.split_once(" of ") {
            let first = who.split(' ').next().unwrap_or("").to_lowercase();
            if who.split(' ').count() <= 3 && LISTS.given.contains(&first) && !firm.is_empty() {
                core = firm;
                start = name.end() - core.len();
            }
        }
        let core = core.trim();
        if core.is_empty()
            || core.ends_with('.') && !core.contains(' ') && core.matches('.').count() == 1
        {
            return;
        }
        let core_l = core.to_lowercase();
        if (is_common_word(&core_l) && !core.contains(' ')) || self.is_protected_term(core) {
            return;
        }
        facts.orgs.push(core_l.clone());
        self.org_head(core, facts);
        let mut e = end;
        // keep the sentence full stop when the suffix has none of its own
        if text[..e].ends_with('.') && !sfx_s.ends_with('.') {
            e -= 1;
        }
        out.push(Cand::new(start, e, Kind::Org).key(normalise_key(Kind::Org, core)));
    }

    /// Kubernetes pod names ("quota-7c9f8d6b5-x2kqp"): a name, the replica set's hash and a
    /// five-character suffix, both drawn from Kubernetes' alphabet of consonants and digits.
    /// A scan for '-' rather than a trigger pattern: repeated classes would swell the trigger
    /// automaton for every text.
    fn k8s_pods(&self, text: &str, out: &mut Vec<Cand>) {
        const ALPHABET: [bool; 256] = {
            let mut t = [false; 256];
            let letters = b"bcdfghjklmnpqrstvwxz2456789";
            let mut i = 0;
            while i < letters.len() {
                t[letters[i] as usize] = true;
                i += 1;
            }
            t
        };
        let b = text.as_bytes();
        let k8s = |x: &u8| ALPHABET[*x as usize];
        let name_byte = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit() || x == b'-';
        for dash in memchr::memchr_iter(b'-', b) {
            // the suffix: exactly five, then no more of a name
            let suffix_end = dash + 6;
            if b.len() < suffix_end
                || !b[dash + 1..suffix_end].iter().all(k8s)
                || b.get(suffix_end)
                    .is_some_and(|&x| x.is_ascii_alphanumeric() || x == b'_')
            {
                continue;
            }
            // the hash: 8 to 10 before it, after another '-'
            let mut h = dash;
            while h > 0 && k8s(&b[h - 1]) && dash - h <= 10 {
                h -= 1;
            }
            let hash_len = dash - h;
            // ReplicaSet hashes have 8 to 10 characters; shorter ones, as people write them
            // ("payments-gw-6c8d9-8xw2p"), need a digit
            let has_digit = b[h..suffix_end].iter().any(u8::is_ascii_digit);
            if !((8..=10).contains(&hash_len) || (5..8).contains(&hash_len) && has_digit)
                || h < 2
                || b[h - 1] != b'-'
            {
                continue;
            }
            // the name before: lowercase letters, digits and dashes, starting with a letter
            let mut start = h - 1;
            while start > 0 && name_byte(b[start - 1]) {
                start -= 1;
            }
            while start < h - 1 && !b[start].is_ascii_lowercase() {
                start += 1;
            }
            if start >= h - 1 || (start > 0 && (b[start - 1] == b'_' || b[start - 1] == b'.')) {
                continue;
            }
            out.push(Cand::new(start, suffix_end, Kind::Host));
        }
        // a pod as people shorten it, a service's name and a hash of hex digits with both
        // digits and letters: "checkout-api-7f9c", "pay-api-6d8b9c"
        for dash in memchr::memchr_iter(b'-', b) {
            let mut end = dash + 1;
            while end < b.len() && matches!(b[end], b'0'..=b'9' | b'a'..=b'f') {
                end += 1;
            }
            let hash = &b[dash + 1..end];
            if !(4..=10).contains(&hash.len())
                || !hash.iter().any(u8::is_ascii_digit)
                || !hash.iter().any(u8::is_ascii_lowercase)
                || b.get(end).is_some_and(|&x| {
                    x.is_ascii_alphanumeric()
                        || x == b'_'
                        || (matches!(x, b'-' | b'.' | b'/' | b':')
                            && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric))
                })
            {
                continue;
            }
            // two segments of a name or more before it, each starting with a letter
            let mut start = dash;
            while start > 0 && name_byte(b[start - 1]) {
                start -= 1;
            }
            let name = &text[start..dash];
            let segments: Vec<&str> = name.split('-').collect();
            if segments.len() < 2
                || !segments
                    .iter()
                    .all(|s| s.len() >= 2 && s.starts_with(|c: char| c.is_ascii_lowercase()))
                || (start > 0 && matches!(b[start - 1], b'_' | b'.' | b'/' | b'@' | b'=' | b'#'))
                || self.vocab.contains_term(name)
            {
                continue;
            }
            out.push(Cand::new(start, end, Kind::Host));
        }
    }

    /// A login after "by" or after "logged in as", "deploying as": "released by jhorakova",
    /// "rotated at 15:40 by nobi", "deploying as deploy-kavya". Lowercase, four characters or
    /// more, no word, technology or system account.
    pub(crate) fn cued_logins(
        &self,
        text: &str,
        within: Option<&[(usize, usize)]>,
        out: &mut Vec<Cand>,
    ) {
        let bytes = text.as_bytes();
        static CUES: once_cell::sync::Lazy<[memchr::memmem::Finder<'static>; 2]> =
            once_cell::sync::Lazy::new(|| {
                [
                    memchr::memmem::Finder::new(" by "),
                    memchr::memmem::Finder::new(" as "),
                ]
            });
        for (finder, cue) in CUES.iter().zip([" by ", " as "]) {
            for at in finder.find_iter(bytes) {
                if cue == " as " {
                    let prev = text[..at].rsplit(' ').next().unwrap_or("");
                    if !(prev.ends_with("ing") || prev == "in") {
                        continue;
                    }
                }
                let start = at + cue.len();
                let mut end = start;
                while end < bytes.len()
                    && (bytes[end].is_ascii_lowercase()
                        || bytes[end].is_ascii_digit()
                        || matches!(bytes[end], b'_' | b'-' | b'.'))
                {
                    end += 1;
                }
                while end > start && matches!(bytes[end - 1], b'.' | b'-' | b'_') {
                    end -= 1;
                }
                let login = &text[start..end];
                let next = bytes.get(end).copied();
                if login.len() < 4
                    || login.len() > 32
                    || !login.starts_with(|c: char| c.is_ascii_lowercase())
                    || next.is_some_and(|b| {
                        b.is_ascii_alphanumeric() || b >= 0x80 || matches!(b, b'(' | b'@' | b'/')
                    })
                    || (next == Some(b'.')
                        && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric))
                    || crate::person::outside_regions(within, start, end)
                {
                    continue;
                }
                // a part of it names someone: "j"+"horakova", "deploy-"+"kavya", "t"+"bui-mobile"
                let names_someone = login.split(['-', '_', '.']).any(|w| {
                    let w = w.trim_end_matches(|c: char| c.is_ascii_digit());
                    let plain =
                        |p: &str| p.len() >= 3 && !is_common_word(p) && !person::is_english_word(p);
                    let word = |p: &str| {
                        is_common_word(p)
                            || person::is_english_word(p)
                            || p.strip_suffix('s').is_some_and(person::is_english_word)
                    };
                    !word(w)
                        && (plain(w) && (LISTS.given.contains(w) || LISTS.surnames.contains(w))
                            || person::initial_and_surname(w))
                });
                if !names_someone
                    || self.is_protected_term(login)
                    || self.vocab.contains_term(login)
                    || SYSTEM_ACCOUNTS.contains(&login)
                {
                    continue;
                }
                out.push(Cand::new(start, end, Kind::Username).key(login.to_string()));
            }
        }
    }

    /// "400A1B  G-CBFA", "4ca8f2  EI-FMK": six hex digits beside a registration, with only
    /// blanks between, are the aircraft's transponder address.
    pub(crate) fn transponder_beside_registration(&self, text: &str, cands: &mut Vec<Cand>) {
        let mut found: Vec<(usize, usize)> = Vec::new();
        for c in cands.iter().filter(|c| c.kind == Kind::Aircraft) {
            let before = &text[..c.start];
            let gap = before.len() - before.trim_end_matches([' ', '\t']).len();
            if (1..=6).contains(&gap) {
                let word_end = c.start - gap;
                let word_start = text[..word_end]
                    .trim_end_matches(|ch: char| ch.is_ascii_alphanumeric())
                    .len();
                if transponder_address(&text[word_start..word_end]) {
                    found.push((word_start, word_end));
                }
            }
            let after = &text[c.end..];
            let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
            if (1..=6).contains(&gap) {
                let word_start = c.end + gap;
                let word_end = text[word_start..]
                    .find(|ch: char| !ch.is_ascii_alphanumeric())
                    .map_or(text.len(), |i| word_start + i);
                if transponder_address(&text[word_start..word_end]) {
                    found.push((word_start, word_end));
                }
            }
        }
        for (s, e) in found {
            let v = &text[s..e];
            cands.push(Cand::new(s, e, Kind::Aircraft).key(v.to_lowercase()));
        }
    }

    /// Hosts come in families ("KIOSK-ED-01 to KIOSK-ED-04", "pg-node-a" then "pg-node-b"): a
    /// token that differs from a host found in the text only in its last segment, and has
    /// that segment's shape, is a host of the same family.
    pub(crate) fn host_siblings(&self, text: &str, cands: &mut Vec<Cand>) {
        let mut seeds: Vec<(&str, &str)> = Vec::new();
        for c in cands.iter().filter(|c| c.kind == Kind::Host) {
            let Some(host) = text.get(c.start..c.end) else {
                continue;
            };
            let label = host.split('.').next().unwrap_or(host);
            let Some(cut) = label.rfind(['-', '_']) else {
                continue;
            };
            let (stem, last) = (&label[..=cut], &label[cut + 1..]);
            let family_like = last.len() == 1 && last.bytes().all(|b| b.is_ascii_alphabetic())
                || (last.bytes().any(|b| b.is_ascii_digit()) && last.len() <= 12);
            if stem.len() >= 3
                && stem.bytes().any(|b| b.is_ascii_alphabetic())
                && last.bytes().all(|b| b.is_ascii_alphanumeric())
                && family_like
                && !seeds.contains(&(stem, last))
            {
                seeds.push((stem, last));
            }
        }
        if seeds.is_empty() {
            return;
        }
        let token_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
        let bytes = text.as_bytes();
        let mut found: Vec<(usize, usize)> = Vec::new();
        for &(stem, last) in &seeds {
            for (at, _) in text.match_indices(stem) {
                if at > 0
                    && bytes
                        .get(at - 1)
                        .is_some_and(|&b| token_byte(b) || b == b'@')
                {
                    continue;
                }
                let rest_start = at + stem.len();
                let mut end = rest_start;
                while bytes.get(end).is_some_and(|&b| token_byte(b)) {
                    end += 1;
                }
                while end > rest_start && matches!(bytes.get(end - 1), Some(b'.' | b'-' | b'_')) {
                    end -= 1;
                }
                let Some(rest) = text.get(rest_start..end) else {
                    continue;
                };
                let segment = rest.split('.').next().unwrap_or(rest);
                if same_segment_shape(last, segment) {
                    found.push((at, end));
                }
            }
        }
        for (s, e) in found {
            if !cands
                .iter()
                .any(|c| c.start <= s && e <= c.end && c.kind == Kind::Host)
            {
                cands.push(Cand::new(s, e, Kind::Host));
            }
        }
    }

    pub(crate) fn classify_host(&self, host: &str) -> HostClass {
        let host = host.trim_end_matches('.');
        if host == "localhost" {
            return HostClass::Keep;
        }
        // names under the reserved TLDs stand for real hosts in a report that was partly
        // anonymised by hand ("db-prod-03.corp.example"): redacted like the real ones
        if [".example", ".invalid", ".test"]
            .iter()
            .any(|t| host.ends_with(t))
        {
            return HostClass::Redact(None);
        }
        if INTERNAL_TLDS.iter().any(|t| host.ends_with(t)) {
            return HostClass::Redact(None);
        }
        let reg = registrable(host);
        let label = reg.split('.').next().unwrap_or("");
        let public = PUBLIC_DOMAINS.contains(&reg)
            || FREEMAIL.contains(&reg)
            || self.vocab.contains_term(label)
            || self.vocab.contains_term(reg)
            || RESERVED_LABELS.contains(&label);
        if public {
            // a tenant label in front of a multi-tenant platform identifies the customer
            let sub = host.strip_suffix(reg).unwrap_or("").trim_end_matches('.');
            if sub.is_empty() {
                return HostClass::Keep;
            }
            let generic = sub.split('.').all(|l| {
                GENERIC_SUBDOMAINS.contains(&l) || is_region(l) || self.vocab.contains_term(l)
            });
            if generic {
                return HostClass::Keep;
            }
            return HostClass::Redact(None);
        }
        HostClass::Redact(org_from_domain(host).filter(|o| !self.is_protected_term(o)))
    }
}

pub(crate) enum HostClass {
    Keep,
    /// Redact; maybe with an organisation name derived from it.
    Redact(Option<String>),
}

/// "mail.eu.acme-corp.co.uk" -> "acme-corp.co.uk"
pub(crate) fn registrable(host: &str) -> &str {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n < 2 {
        return host;
    }
    let two_level = n >= 3
        && matches!(
            labels[n - 2],
            "co" | "com" | "org" | "net" | "ac" | "gov" | "edu" | "ne" | "or"
        )
        && labels[n - 1].len() == 2;
    let take = if two_level { 3 } else { 2 };
    let skip: usize = labels.iter().take(n - take).map(|l| l.len() + 1).sum();
    &host[skip..]
}

/// The organisation label of a domain: "jane@acme-corp.io" -> "acme-corp".
pub(crate) fn org_from_domain(host: &str) -> Option<String> {
    if INTERNAL_TLDS.iter().any(|t| host.ends_with(t)) {
        return None;
    }
    let reg = registrable(host);
    if FREEMAIL.contains(&reg) || PUBLIC_DOMAINS.contains(&reg) {
        return None;
    }
    let label = reg.split('.').next()?;
    let min = if label.contains(['-', '_']) || label.bytes().any(|b| b.is_ascii_digit()) {
        3
    } else {
        4
    };
    if label.len() < min || RESERVED_LABELS.contains(&label) || is_common_word(label) {
        return None;
    }
    Some(label.to_string())
}

fn has_alpha_tld(h: &str) -> bool {
    h.rsplit('.')
        .next()
        .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// A machine named for its cloud zone: "gw-eu-west-2b", "nat-us-east-1a" (the zone alone,
/// "eu-west-2b", is a public name and stays).
fn prefixed_zone(l: &str) -> bool {
    let parts: Vec<&str> = l.split('-').collect();
    (1..parts.len().saturating_sub(1)).any(|k| {
        let zone = parts[k..].join("-");
        let region = zone.trim_end_matches(|c: char| matches!(c, 'a'..='f'));
        parts[..k].iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        }) && region.len() + 1 >= zone.len()
            && is_region(region)
    })
}

pub(crate) fn is_region(l: &str) -> bool {
    // us-east-1, eu-west-2, ap-southeast-1, europe-west1, us-central1, asia-northeast1
    let parts: Vec<&str> = l.split('-').collect();
    if parts.len() == 3 {
        return matches!(
            parts[0],
            "us" | "eu" | "ap" | "sa" | "ca" | "me" | "af" | "il" | "mx" | "cn" | "us-gov"
        ) && DIRECTIONS.contains(&parts[1])
            && parts[2].bytes().all(|b| b.is_ascii_digit());
    }
    if parts.len() == 2 {
        let dir = parts[1].trim_end_matches(|c: char| c.is_ascii_digit());
        return matches!(
            parts[0],
            "us" | "europe"
                | "asia"
                | "australia"
                | "northamerica"
                | "southamerica"
                | "me"
                | "africa"
        ) && DIRECTIONS.contains(&dir)
            && parts[1].len() > dir.len();
    }
    false
}

const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "northeast",
    "southeast",
    "northwest",
    "southwest",
    "gov",
];

/// "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "0.0.0.0/0": a whole range of private
/// address space (or all of it) says nothing about whose network it is; a subnet of one
/// ("10.48.0.0/16") is that network's plan.
fn private_block(cidr: &str) -> bool {
    let Some((addr, prefix)) = cidr.split_once('/') else {
        return false;
    };
    let (Ok(addr), Ok(prefix)) = (addr.parse::<std::net::Ipv4Addr>(), prefix.parse::<u32>()) else {
        return false;
    };
    let bits = u32::from(addr);
    // (a /32 has no host bits: the shift by 32 yields none)
    let host_mask = u32::MAX.checked_shr(prefix).unwrap_or(0);
    let host_bits_zero = prefix <= 32 && bits & host_mask == 0;
    let range = match addr.octets()[0] {
        10 => 8,
        172 => 12,
        192 => 16,
        _ => 0,
    };
    host_bits_zero && (prefix == 0 || (addr.is_private() && prefix <= range))
}

/// "AeroCalc", "MedLink", "PayNest": two or three capitalised parts glued together, letters
/// only, each part at least two letters (not "McD", not "iOS", not "ACMEcorp").
fn camel_case_name(w: &str) -> bool {
    let mut parts = 0;
    let mut part_len = 0;
    for c in w.chars() {
        if !c.is_alphabetic() {
            return false;
        }
        if c.is_uppercase() {
            if parts > 0 && part_len < 2 {
                return false;
            }
            parts += 1;
            part_len = 1;
        } else if parts == 0 {
            return false;
        } else {
            part_len += 1;
        }
    }
    (2..=3).contains(&parts) && part_len >= 2 && w.len() >= 6
}

/// The span `s..e` of `b` is part of a longer dotted, dashed or path-like name
/// ("db-prod-03.corp", "/srv/web-prod-2", "${app-eu1-a03}").
fn inside_longer_name(b: &[u8], s: usize, e: usize) -> bool {
    let after = e < b.len()
        && matches!(b[e], b'.' | b'-' | b'_' | b'/' | b'@')
        && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric);
    let before = s > 0 && matches!(b[s - 1], b'.' | b'/' | b'-' | b'@' | b'_' | b'$' | b'{');
    after || before
}

/// Numbered machine names of three or more segments: "line-b-press-07", "core-rtr-02" (not
/// "release-2024-01", "us-east-1", "tls-1-3").
fn seq_host(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    // "s3-ap-northeast-1": a service in a cloud region names no one's machine
    if parts.len() < 3 || is_region(s) || s.split_once('-').is_some_and(|(_, r)| is_region(r)) {
        return false;
    }
    let year = |p: &&str| p.len() == 4 && (p.starts_with("19") || p.starts_with("20"));
    if parts.iter().any(year) {
        return false;
    }
    let alpha = parts
        .iter()
        .filter(|p| p.len() >= 3 && p.bytes().all(|b| b.is_ascii_lowercase()))
        .count();
    let numeric = parts
        .iter()
        .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
        .count();
    // a one-digit sequence ("pg-replica-2") only when the words are not all English
    // ("follow-up-2", "top-of-rack-1")
    let last_short = parts
        .last()
        .is_some_and(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_digit()));
    if last_short
        && parts
            .iter()
            .filter(|p| !p.bytes().all(|b| b.is_ascii_digit()))
            .all(|p| {
                (person::is_english_word(p) || is_common_word(p))
                    && !Vocabulary::builtin().contains_term(p)
            })
    {
        return false;
    }
    // one number (the sequence); words around it
    alpha >= 1
        && numeric == 1
        && !parts
            .iter()
            .any(|p| matches!(*p, "v" | "rc" | "beta" | "alpha"))
}

/// Hyphenated lowercase identifiers that are host names: an environment word plus a number or
/// at least three segments ("db-prod-03", "payments-staging-2").
fn env_host(s: &str) -> bool {
    if is_region(s) {
        return false;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let has_env = parts.iter().any(|p| ENV_WORDS.contains(p));
    if !has_env {
        return false;
    }
    let has_num = parts.iter().any(|p| p.bytes().any(|b| b.is_ascii_digit()));
    if !(has_num || parts.len() >= 3) {
        return false;
    }
    // "pre-prod", "non-prod", "in-prod" phrases
    if parts.len() <= 3
        && parts.iter().any(|p| {
            matches!(
                *p,
                "pre" | "non" | "in" | "to" | "on" | "of" | "for" | "and" | "the" | "a"
            )
        })
    {
        return false;
    }
    true
}

const ENV_WORDS: &[&str] = &[
    "prod",
    "prd",
    "production",
    "stg",
    "staging",
    "stage",
    "dev",
    "qa",
    "uat",
    "preprod",
    "canary",
    "sandbox",
    "perf",
    "nonprod",
];

/// 1–12 for an English month name, in full or short ("March", "Mar.", "Sept"); `None` for
/// words that merely start like one ("Marcel", "Novak", "Julia").
pub(crate) fn month_index(m: &str) -> Option<usize> {
    let word = m.strip_suffix('.').unwrap_or(m).to_ascii_lowercase();
    let p = word.get(..3)?;
    let full = crate::person::MONTH_WORDS.contains(&word.as_str());
    if !(full || word.len() == 3 || word == "sept") {
        return None;
    }
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|x| *x == p)
    .map(|i| i + 1)
}

/// The trigger of a day and a month of another language: every name of [`FOREIGN_MONTHS`] in
/// lowercase and capitalised, and the English months Dutch and Scandinavian write the same
/// way, in lowercase ("12 november"; not "may" or "march", verbs in English).
static FOREIGN_MONTH_TRIGGER: once_cell::sync::Lazy<String> = once_cell::sync::Lazy::new(|| {
    let mut words: Vec<String> = Vec::new();
    for name in FOREIGN_MONTHS
        .iter()
        .map(|(n, _)| n.to_string())
        .chain(LOWERCASE_ENGLISH_MONTHS.iter().map(|m| m.to_string()))
    {
        let mut chars = name.chars();
        let capital: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        words.push(name);
        words.push(capital);
    }
    words.sort();
    words.dedup();
    words.join("|")
});

/// English month names other languages write in lowercase after a day; no verb among them.
const LOWERCASE_ENGLISH_MONTHS: &[&str] = &["april", "august", "september", "november", "december"];

/// Month names of other languages as written in dates (Polish, Czech and Finnish in the
/// genitive or partitive they take after a day), with and without accents: 1–12.
const FOREIGN_MONTHS: &[(&str, usize)] = &[
    // Portuguese, Spanish, Italian, French, German, Dutch, Scandinavian
    ("janeiro", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("janvier", 1),
    ("januar", 1),
    ("jänner", 1),
    ("januari", 1),
    ("fevereiro", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("février", 2),
    ("fevrier", 2),
    ("februar", 2),
    ("februari", 2),
    ("março", 3),
    ("marco", 3),
    ("marzo", 3),
    ("mars", 3),
    ("märz", 3),
    ("maerz", 3),
    ("maart", 3),
    ("marts", 3),
    ("abril", 4),
    ("aprile", 4),
    ("avril", 4),
    ("maio", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mai", 5),
    ("mei", 5),
    ("maj", 5),
    ("junho", 6),
    ("junio", 6),
    ("giugno", 6),
    ("juin", 6),
    ("juni", 6),
    ("julho", 7),
    ("julio", 7),
    ("luglio", 7),
    ("juillet", 7),
    ("juli", 7),
    ("agosto", 8),
    ("août", 8),
    ("aout", 8),
    ("augustus", 8),
    ("augusti", 8),
    ("setembro", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("septembre", 9),
    ("outubro", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("octobre", 10),
    ("oktober", 10),
    ("novembro", 11),
    ("noviembre", 11),
    ("novembre", 11),
    ("dezembro", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("dezember", 12),
    ("desember", 12),
    // Polish (genitive)
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("wrzesnia", 9),
    ("października", 10),
    ("pazdziernika", 10),
    ("listopada", 11),
    ("grudnia", 12),
    // Czech (genitive)
    ("ledna", 1),
    ("února", 2),
    ("unora", 2),
    ("března", 3),
    ("brezna", 3),
    ("dubna", 4),
    ("května", 5),
    ("kvetna", 5),
    ("června", 6),
    ("cervna", 6),
    ("července", 7),
    ("cervence", 7),
    ("srpna", 8),
    ("září", 9),
    ("zari", 9),
    ("října", 10),
    ("rijna", 10),
    ("listopadu", 11),
    ("prosince", 12),
    // Indonesian and Malay, Swahili (those English and Dutch do not write alike)
    ("maret", 3),
    ("agustus", 8),
    ("ogos", 8),
    ("machi", 3),
    ("aprili", 4),
    ("julai", 7),
    ("agosti", 8),
    ("septemba", 9),
    ("oktoba", 10),
    ("novemba", 11),
    ("desemba", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("subat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("mayis", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("agustos", 8),
    ("eylül", 9),
    ("eylul", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("kasim", 11),
    ("aralık", 12),
    ("aralik", 12),
    // Finnish (partitive)
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
];

/// The parts of a list item split at " and " / " & ", with their byte offsets in it.
fn split_and(item: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(k) = [" and ", " & "]
        .iter()
        .filter_map(|sep| item[from..].find(sep).map(|k| (k, sep.len())))
        .min()
    {
        parts.push((from, &item[from..from + k.0]));
        from += k.0 + k.1;
    }
    parts.push((from, &item[from..]));
    parts
}

/// Some numeric date of `text` written month first: "07-31-2023", "02/26/2024" (the second
/// number above 12).
/// A date without a year after a word that introduces one ("due 15.04.", "done 08/10", "on
/// 06-12"), generalised to its month. Both numbers have two digits (`on 3/4 of the nodes`,
/// `from 3.5 to 3.6` are fractions and versions). A dotted pair needs the dot after it
/// (German `15.04.`) or a cue that is never followed by a version; `on 22.04` may be Ubuntu.
/// A dashed pair counts only in a report that also writes ISO dates, read month first as
/// they are (`loaded on 06-12` beside `2024-06-13`); elsewhere it is a range (`10-12 nodes`).
fn date_short(text: &str, c: &Captures<'_>) -> Option<Cand> {
    let (all, a, sep, b) = (c.get(0)?, c.name("a")?, c.name("sep")?, c.name("b")?);
    // a time of day after the pair makes it a date with or without a cue: "Restarted 30/08
    // 16:20", "dropped 29.02. 23:59"
    let time = c.name("time");
    let cue_word = c.name("cue").map(|w| w.as_str().to_ascii_lowercase());
    let weak_cue = cue_word.as_deref().is_none_or(|w| {
        matches!(
            w,
            "of" | "dia" | "outage" | "meeting" | "incident" | "backup"
        ) || (w.ends_with("ed") && !matches!(w, "dated" | "started"))
    });
    // a weak cue ("outage 21/06", "discharged 08/11") takes a slashed pair; no cue, a time
    if (c.name("cue").is_none() && (time.is_none() || sep.as_str() == "-"))
        || (weak_cue && time.is_none() && sep.as_str() != "/")
    {
        return None;
    }
    let bytes = text.as_bytes();
    let end = b.end();
    // part of a longer number, a version or an address: "15.04.2", "10/12/24", "06-12-a"
    let next = bytes.get(end).copied();
    if next.is_some_and(|x| x.is_ascii_alphanumeric() || matches!(x, b'%' | b':' | b'/' | b'-'))
        || (matches!(next, Some(b'.' | b','))
            && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric))
    {
        return None;
    }
    if a.len() != 2 || b.len() != 2 || a.as_str() == "24" && b.as_str() == "7" {
        return None;
    }
    let (x, y): (usize, usize) = (a.as_str().parse().ok()?, b.as_str().parse().ok()?);
    // after a weak cue a pair that reads as a proper fraction is one ("ratio of 10/12",
    // "released 10/12 builds"), unless a leading zero or a time marks a date
    if weak_cue && time.is_none() && x <= y && !a.as_str().starts_with('0') {
        return None;
    }
    let cue_word = cue_word.unwrap_or_default();
    // "the 15/10 run" names a day; "the 10/12 split", "the 80/20 rule" do not
    if cue_word == "the" {
        let noun = text[end..].strip_prefix(' ').map(|rest| {
            rest.split(|ch: char| !ch.is_alphabetic())
                .next()
                .unwrap_or("")
        });
        if !noun.is_some_and(|w| DAY_EVENTS.contains(&w)) {
            return None;
        }
    }
    let month = match sep.as_str() {
        "." => {
            let trailing_dot = c.name("dot").is_some();
            let version_cue = matches!(
                cue_word.as_str(),
                "on" | "since" | "from" | "until" | "till" | "by" | "before" | "after" | "the"
            );
            if !trailing_dot && version_cue && time.is_none() {
                return None;
            }
            ((1..=31).contains(&x) && (1..=12).contains(&y)).then_some(y)?
        }
        "/" => {
            // (a day over 12 first reads day-month in a month-first text too: "15/10" would
            // otherwise become a date only once the text's other dates are redacted)
            if (1..=12).contains(&y)
                && (1..=31).contains(&x)
                && (x > 12 || !month_first_dates(text))
            {
                y
            } else if (1..=12).contains(&x) && (1..=31).contains(&y) {
                x
            } else {
                return None;
            }
        }
        _ => {
            if cue_word == "the" || !(iso_dates(text) || month_first_dates(text)) {
                return None;
            }
            ((1..=12).contains(&x) && (1..=31).contains(&y)).then_some(x)?
        }
    };
    let general = month_year(month, None)?;
    // the dot of `15.04.` is the date's, unless it also ends the sentence
    let mut end = end;
    if let Some(dot) = c.name("dot") {
        let after = &text[dot.end()..];
        let sentence_end = after.is_empty()
            || after.starts_with(['\n', '\r'])
            || after
                .trim_start_matches([' ', '\t'])
                .starts_with(char::is_uppercase);
        if !sentence_end || time.is_some() {
            end = dot.end();
        }
    }
    if let Some(t) = time {
        end = t.end();
    }
    // "on 26.03" reads "in March"; "due 26.03" reads "due March"
    let capital_on = all.as_str().starts_with('O');
    let (start, replacement) = match cue_word.as_str() {
        "on" if capital_on => (all.start(), format!("In {general}")),
        "on" => (all.start(), format!("in {general}")),
        _ => (a.start(), general),
    };
    Some(Cand::new(start, end, Kind::Date).fixed(replacement))
}

/// Events that happen on a day: "the 15/10 run", "the 22/10 release".
const DAY_EVENTS: &[&str] = &[
    "run",
    "release",
    "batch",
    "deploy",
    "deployment",
    "change",
    "outage",
    "incident",
    "cutover",
    "window",
    "update",
    "upgrade",
    "maintenance",
    "migration",
    "payroll",
    "close",
    "settlement",
    "file",
    "cycle",
    "meeting",
    "review",
    "shift",
    "call",
    "rollout",
    "patch",
    "night",
    "morning",
    "evening",
    "flight",
    "delivery",
    "shipment",
    "audit",
    "inspection",
];

/// A two-digit year of this century ("20/Feb/24", "05JAN24") in full.
fn full_year(y: u32) -> u32 {
    if y < 100 {
        2000 + y
    } else {
        y
    }
}

/// A date at `s..e` generalised to its month and year (a year outside 1900–2100 is none).
fn month_year_cand(s: usize, e: usize, month: usize, year: Option<u32>) -> Option<Cand> {
    if year.is_some_and(|y| !(1900..=2100).contains(&y)) {
        return None;
    }
    Some(Cand::new(s, e, Kind::Date).fixed(month_year(month, year)?))
}

/// Byte length of the list separator at `at` ("、" is three bytes), 0 at the end.
fn item_separator_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|r| r.chars().next())
        .map_or(0, char::len_utf8)
}

/// The report writes ISO dates (`2024-06-13`).
fn iso_dates(text: &str) -> bool {
    static ISO: once_cell::sync::Lazy<Option<Regex>> = once_cell::sync::Lazy::new(|| {
        Regex::new(
            r"(?-u:\b)(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?-u:\b)",
        )
        .ok()
    });
    ISO.as_ref().is_some_and(|re| re.is_match(text))
}

fn month_first_dates(text: &str) -> bool {
    static MONTH_FIRST: once_cell::sync::Lazy<Option<Regex>> = once_cell::sync::Lazy::new(|| {
        Regex::new(r"(?-u:\b)(?:0?[1-9]|1[0-2])[-/](?:1[3-9]|2[0-9]|3[01])[-/][0-9]{4}(?-u:\b)")
            .ok()
    });
    MONTH_FIRST.as_ref().is_some_and(|re| re.is_match(text))
}

/// "March 2024", or "March" without a year: what a date is generalised to.
fn month_year(month: usize, year: Option<u32>) -> Option<String> {
    let name = MONTHS.get(month.checked_sub(1)?)?;
    Some(match year {
        Some(y) => format!("{name} {y}"),
        None => (*name).to_string(),
    })
}

/// The month (1–12) of a month name of English or another language (any case).
pub(crate) fn month_of_any_language(word: &str) -> Option<usize> {
    foreign_month_index(word).or_else(|| month_index(word))
}

/// The month (1–12) of a month name of another language (any case).
fn foreign_month_index(word: &str) -> Option<usize> {
    let lower = word.to_lowercase();
    FOREIGN_MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, m)| m)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// HL7 v2 PID segment: PID-3 identifiers (MRN), PID-5 name, PID-7 birth date, PID-11 address,
/// PID-13/14 phones, PID-19 SSN. `s..e` spans the segment (maybe with one leading separator).
fn hl7_pid(text: &str, s: usize, e: usize, facts: &mut DocFacts, out: &mut Vec<Cand>) {
    let Some(seg) = text.get(s..e) else { return };
    let Some(off) = seg.find("PID|") else { return };
    let base = s + off;
    let seg = &seg[off..];
    let mut pos = base;
    for (i, field) in seg.split('|').enumerate() {
        let fs = pos;
        pos += field.len() + 1;
        if field.is_empty() {
            continue;
        }
        // the patient's name (PID-5: FAMILY^GIVEN^MIDDLE) and address (PID-11) are one
        // finding each: "[PERSON-1]", not "[PERSON-1]^[PERSON-2]^C"
        if i == 5 || i == 11 {
            let first = field.split('~').next().unwrap_or("");
            let comps: Vec<&str> = first.split('^').collect();
            let name_like = |c: &&&str| {
                !c.trim().is_empty()
                    && c.chars()
                        .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | ' ' | '.'))
            };
            let take = if i == 5 {
                comps.iter().take(3).take_while(name_like).count()
            } else {
                // street, other designation, city, state, postcode, country
                comps.iter().take(6).count()
            };
            if take > 0 {
                let len: usize = comps.iter().take(take).map(|c| c.len() + 1).sum::<usize>() - 1;
                let raw = &first[..len];
                let lead = raw.len() - raw.trim_start().len();
                let span = raw.trim().trim_end_matches('^');
                if span.len() >= 2 && (i == 5 || span.bytes().any(|b| b.is_ascii_digit())) {
                    let (a, z) = (fs + lead, fs + lead + span.len());
                    if i == 5 {
                        let family = comps.first().map_or("", |c| c.trim());
                        let given = comps.get(1).map_or("", |c| c.trim());
                        let key = crate::normalise_key(Kind::Person, &format!("{given} {family}"));
                        person::register_name_tokens(&key, facts);
                        out.push(
                            Cand::new(a, z, Kind::Person)
                                .key(key)
                                .prio(default_prio_hl7(Kind::Person)),
                        );
                    } else {
                        out.push(
                            Cand::new(a, z, Kind::Address).prio(default_prio_hl7(Kind::Address)),
                        );
                    }
                    continue;
                }
            }
        }
        // components are separated by '^'; '~' repeats
        let mut cpos = fs;
        for (ci, comp) in field.split(['^', '~']).enumerate() {
            let cs = cpos;
            cpos += comp.len() + 1;
            let t = comp.trim();
            if t.is_empty() {
                continue;
            }
            let ce = cs + comp.len();
            let kind = match i {
                2 | 3 if ci == 0 && t.bytes().any(|b| b.is_ascii_digit()) => Kind::MedicalRecord,
                // the assigning authority of the record number: the hospital ("SBUH")
                3 if ci == 3
                    && t.len() >= 3
                    && t.bytes().all(|b| b.is_ascii_alphanumeric())
                    && t.bytes().any(|b| b.is_ascii_alphabetic()) =>
                {
                    Kind::Org
                }
                5 if ci <= 2
                    && t.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == ' ') =>
                {
                    Kind::Person
                }
                7 if t.len() >= 8 && t.bytes().all(|b| b.is_ascii_digit()) => Kind::Date,
                11 if ci == 0 => Kind::Address,
                13 | 14 if t.bytes().filter(u8::is_ascii_digit).count() >= 7 => Kind::Phone,
                19 if t.bytes().any(|b| b.is_ascii_digit()) => Kind::NationalId,
                _ => continue,
            };
            let c = Cand::new(cs, ce, kind).prio(default_prio_hl7(kind));
            if kind == Kind::Date {
                let year = t.get(0..4).unwrap_or("");
                let month = t
                    .get(4..6)
                    .and_then(|m| m.parse::<usize>().ok())
                    .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
                match month {
                    Some(m) => out.push(c.fixed(format!("{m} {year}"))),
                    None => out.push(c.fixed("[DATE]")),
                }
            } else {
                out.push(c);
            }
        }
    }
}

fn default_prio_hl7(kind: Kind) -> u8 {
    // above the generic detectors that would split a component (phones, dates, names)
    match kind {
        Kind::Person => 60,
        _ => 72,
    }
}

/// Length of an extension right after a phone number (" ext 2", " x4410", " ext. 118"), or 0.
fn extension_len(rest: &str) -> usize {
    let after_space = rest.trim_start_matches([' ', '\t']);
    let mut at = rest.len() - after_space.len();
    let Some(cue) = ["ext.", "ext", "extn", "x"].iter().find(|c| {
        after_space
            .get(..c.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(c))
    }) else {
        return 0;
    };
    at += cue.len();
    let digits_at = rest[at..].trim_start_matches([' ', '\t']);
    at = rest.len() - digits_at.len();
    let digits = digits_at.bytes().take_while(u8::is_ascii_digit).count();
    let boundary = !digits_at[digits..].starts_with(|c: char| c.is_alphanumeric());
    if (1..=6).contains(&digits) && boundary && at > 0 {
        at + digits
    } else {
        0
    }
}

fn trim_id(text: &str, g: Option<regex::Match<'_>>) -> Option<(usize, usize)> {
    let g = g?;
    let mut v = g.as_str();
    // a word of three letters or more ends the number ("2850412460031 and policy number
    // QF-88213"): the groups of an id are digits or one or two letters ("AB 12 34 56 C")
    let mut at = 0;
    for (k, group) in v.split(' ').enumerate() {
        if k > 0 && group.len() >= 3 && group.bytes().all(|b| b.is_ascii_alphabetic()) {
            v = v[..at].trim_end();
            break;
        }
        at += group.len() + 1;
    }
    // drop trailing groups without digits ("123456789 and" -> "123456789")
    while let Some((head, last)) = v.rsplit_once([' ', '.', '/', '-']) {
        if last.bytes().any(|b| b.is_ascii_digit()) {
            break;
        }
        v = head;
    }
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    if digits < 4 || !v.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let _ = text;
    Some((g.start(), g.start() + v.len()))
}

fn looks_like_version_or_date(v: &str) -> bool {
    let dots = v.matches('.').count();
    (dots >= 1
        && !v.contains(' ')
        && v.split('.')
            .all(|p| p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())))
        || (v.len() == 10
            && v.as_bytes().get(4) == Some(&b'-')
            && v.as_bytes().get(7) == Some(&b'-'))
}

pub(crate) fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

pub(crate) fn iban_valid(s: &str) -> bool {
    if s.len() < 15 || !s.is_ascii() {
        return false;
    }
    let (head, tail) = s.split_at(4);
    let mut rem: u64 = 0;
    for ch in tail.chars().chain(head.chars()) {
        let v = match ch {
            '0'..='9' => u64::from(ch as u8 - b'0'),
            'A'..='Z' => u64::from(ch as u8 - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// A value after a word for a secret that is one: a hex key of 32, 40 or 64 digits on a line
/// that names no hash ("commit 3159e16…", "sha256"), or a string of mixed characters that
/// switch class often ("RsE+I6opW01lrirA.2Kn", "nuizUFcyHLBwKXeqtbCjURKexndkwTTK"), not an
/// identifier, a path, an address or a placeholder.
fn cued_secret_value(v: &str, line: &str) -> bool {
    let b = v.as_bytes();
    if b.len() < 12
        || v.contains("://")
        || v.starts_with(['/', '$', '%', '<', '#'])
        || v.contains('@')
        || is_placeholder_value(v)
    {
        return false;
    }
    if b.iter().all(u8::is_ascii_hexdigit) {
        let lower = line.to_lowercase();
        let names_a_hash = [
            "commit",
            "sha",
            "hash",
            "digest",
            "checksum",
            "md5",
            "etag",
            "revision",
            "fingerprint",
            "trace",
            "span",
            "uuid",
            "request",
            "object",
            "build",
            "image",
            "layer",
            "blob",
            " rev",
        ]
        .iter()
        .any(|w| lower.contains(w));
        return matches!(b.len(), 32 | 40 | 64)
            && !names_a_hash
            && b.iter().any(u8::is_ascii_digit)
            && b.iter().any(u8::is_ascii_alphabetic);
    }
    // "arn:aws:kms:eu-west-1:…": the name of a key, not the key; "KEY_ID=…": the rest of a
    // name, not a value after it
    if v.contains("arn:") || v.starts_with(['_', '=', '-', '.', ':', '+']) {
        return false;
    }
    // "RootManageSharedAccessKey": words of an identifier, each capitalised
    let camel_case = b.iter().all(u8::is_ascii_alphabetic)
        && b.windows(3).all(|w| {
            !w[0].is_ascii_uppercase() || (w[1].is_ascii_lowercase() && w[2].is_ascii_lowercase())
        });
    if camel_case {
        return false;
    }
    // "mail.example.com", "edge-linha7-sensor": lowercase words and dots are a name
    if b.iter()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'_'))
    {
        return false;
    }
    if !b.iter().all(|c| c.is_ascii_graphic()) {
        return false;
    }
    let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = b.iter().filter(|c| c.is_ascii_lowercase()).count();
    let digit = b.iter().filter(|c| c.is_ascii_digit()).count();
    let symbol = b.len() - upper - lower - digit;
    let class = |c: u8| match c {
        b'A'..=b'Z' => 0u8,
        b'a'..=b'z' => 1,
        b'0'..=b'9' => 2,
        _ => 3,
    };
    let switches = b.windows(2).filter(|w| class(w[0]) != class(w[1])).count();
    let classes = [upper, lower, digit, symbol]
        .iter()
        .filter(|&&n| n > 0)
        .count();
    switches * 3 >= b.len()
        && ((classes >= 3 && upper >= 2 && lower >= 2)
            || (upper >= 4 && lower >= 4 && b.len() >= 20))
}

fn is_placeholder_value(v: &str) -> bool {
    let l = v.to_lowercase();
    let l = l.trim_matches(['"', '\'', '`']);
    l.is_empty()
        // "$DB_PASS", "${SECRET}", "%PASSWORD%", "%(pw)s", "%s"; not "%OHQ9…" or "$1$kT9e$…"
        || l.strip_prefix('$').is_some_and(|r| {
            r.starts_with('{') || r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        || l.strip_prefix('%').is_some_and(|r| {
            r.ends_with('%')
                || r.starts_with(['(', '{'])
                || matches!(r, "s" | "d")
                || r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') && !r.bytes().any(|b| b.is_ascii_digit())
        })
        || l.starts_with("{{")
        || l.starts_with('<')
        || l.starts_with('[')
        || l.starts_with("env:")
        || l.chars()
            .all(|c| c == '*' || c == 'x' || c == '•' || c == '.')
        || matches!(
            l,
            "true"
                | "false"
                | "null"
                | "none"
                | "nil"
                | "yes"
                | "no"
                | "redacted"
                | "hidden"
                | "secret"
                | "password"
                | "required"
                | "optional"
                | "string"
                | "undefined"
                | "empty"
                | "n/a"
                | "example"
                | "changeme"
                | "your_password"
                | "your-password"
                | "placeholder"
                | "masked"
                | "omitted"
        )
}

fn high_entropy(s: &str) -> bool {
    let b = s.as_bytes();
    let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = b.iter().filter(|c| c.is_ascii_lowercase()).count();
    let digit = b.iter().filter(|c| c.is_ascii_digit()).count();
    if upper < 2 || lower < 2 || digit < 2 {
        return false;
    }
    if s.contains("//") || s.matches('/').count() >= 3 && digit * 10 < b.len() {
        return false;
    }
    // identifiers like "ERR_CONNECTION_RESET" or "AbstractSingletonProxyFactoryBean2"
    let mut switches = 0;
    let class = |c: u8| -> u8 {
        if c.is_ascii_uppercase() {
            0
        } else if c.is_ascii_lowercase() {
            1
        } else if c.is_ascii_digit() {
            2
        } else {
            3
        }
    };
    for w in b.windows(2) {
        if class(w[0]) != class(w[1]) {
            switches += 1;
        }
    }
    if switches * 4 < b.len() {
        return false;
    }
    let mut counts = [0u32; 256];
    for &c in b {
        counts[c as usize] += 1;
    }
    let n = b.len() as f64;
    let entropy: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum();
    entropy >= 3.5
}

pub(crate) const SYSTEM_ACCOUNTS: &[&str] = &[
    "root",
    "admin",
    "administrator",
    "ubuntu",
    "ec2-user",
    "centos",
    "debian",
    "fedora",
    "core",
    "postgres",
    "mysql",
    "redis",
    "www-data",
    "nginx",
    "apache",
    "nobody",
    "daemon",
    "git",
    "jenkins",
    "docker",
    "deploy",
    "deployer",
    "app",
    "service",
    "svc",
    "user",
    "guest",
    "test",
    "ansible",
    "vagrant",
    "azureuser",
    "opc",
    "bitnami",
    "runner",
    "gitlab-runner",
    "build",
    "ci",
    "system",
    "local",
    "public",
    "default",
    "shared",
    "all users",
    "oracle",
    "elastic",
    "kafka",
    "zookeeper",
    "hdfs",
    "spark",
    "airflow",
    "grafana",
    "prometheus",
    "node",
    "pi",
    "alpine",
    "sa",
    "dbo",
    "replication",
    "replicator",
    "readonly",
    "monitor",
    "backup",
    "me",
    "you",
    "username",
    "your-user",
    "youruser",
    "cron",
    "daemon",
    "nobody",
    "jenkins",
    "oncall",
    "devops",
    "sysadmin",
    "superuser",
    "system",
];

const KEEP_IPS: &[&str] = &[
    "0.0.0.0",
    "255.255.255.255",
    "1.1.1.1",
    "8.8.8.8",
    "8.8.4.4",
    "9.9.9.9",
    "1.0.0.1",
    // the cloud instance metadata service, the same address everywhere
    "169.254.169.254",
    "169.254.170.2",
];

const INTERNAL_TLDS: &[&str] = &[
    ".internal",
    ".intranet",
    ".intra",
    ".corp",
    ".local",
    ".localdomain",
    ".lan",
    ".home.arpa",
    ".private",
    ".consul",
    ".priv",
];

const OBF_TLDS: &[&str] = &[
    "com", "net", "org", "io", "dev", "co", "uk", "de", "fr", "nl", "eu", "ca", "au", "jp", "ch",
    "se", "es", "it", "info", "biz", "ai", "app", "cloud", "us", "in", "br", "be", "at", "dk",
    "no", "fi", "ie", "pl", "pt", "ru", "cn", "edu", "gov", "me",
];

const FREEMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.ru",
    "yandex.ru",
    "yandex.com",
    "qq.com",
    "163.com",
    "fastmail.com",
    "zoho.com",
    "hey.com",
    "tutanota.com",
];

const RESERVED_LABELS: &[&str] = &[
    "example",
    "localhost",
    "invalid",
    "test",
    "domain",
    "company",
    "yourcompany",
    "mycompany",
    "acme-example",
];

/// Public services and vendors: their bare domains are technical facts, not identity.
const PUBLIC_DOMAINS: &[&str] = &[
    "github.com",
    "githubusercontent.com",
    "github.io",
    "githubstatus.com",
    "gitlab.com",
    "gitlab.io",
    "bitbucket.org",
    "google.com",
    "googleapis.com",
    "gstatic.com",
    "googleusercontent.com",
    "cloud.google",
    "appspot.com",
    "web.app",
    "firebaseapp.com",
    "amazonaws.com",
    "amazon.com",
    "aws.amazon.com",
    "cloudfront.net",
    "awsstatic.com",
    "azure.com",
    "microsoft.com",
    "windows.net",
    "azurewebsites.net",
    "azureedge.net",
    "office.com",
    "live.com",
    "cloudflare.com",
    "cloudflare.net",
    "cloudflarestatus.com",
    "workers.dev",
    "pages.dev",
    "fastly.net",
    "fastly.com",
    "akamai.net",
    "akamai.com",
    "akamaiedge.net",
    "akamaized.net",
    "datadoghq.com",
    "datadoghq.eu",
    "pagerduty.com",
    "slack.com",
    "atlassian.net",
    "atlassian.com",
    "herokuapp.com",
    "heroku.com",
    "vercel.app",
    "vercel.com",
    "netlify.app",
    "netlify.com",
    "stackoverflow.com",
    "stackexchange.com",
    "wikipedia.org",
    "wikimedia.org",
    "kubernetes.io",
    "k8s.io",
    "docker.com",
    "docker.io",
    "npmjs.com",
    "npmjs.org",
    "pypi.org",
    "crates.io",
    "docs.rs",
    "golang.org",
    "go.dev",
    "python.org",
    "rust-lang.org",
    "mozilla.org",
    "apache.org",
    "postgresql.org",
    "mysql.com",
    "redis.io",
    "nginx.org",
    "nginx.com",
    "letsencrypt.org",
    "example.com",
    "example.org",
    "example.net",
    "ietf.org",
    "rfc-editor.org",
    "w3.org",
    "nist.gov",
    "mitre.org",
    "cve.org",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "facebook.com",
    "youtube.com",
    "youtu.be",
    "medium.com",
    "reddit.com",
    "ycombinator.com",
    "zoom.us",
    "okta.com",
    "oktapreview.com",
    "auth0.com",
    "sentry.io",
    "statuspage.io",
    "status.io",
    "digitalocean.com",
    "linode.com",
    "hetzner.com",
    "ovh.net",
    "ovh.com",
    "oracle.com",
    "oraclecloud.com",
    "ibm.com",
    "redhat.com",
    "ubuntu.com",
    "debian.org",
    "kernel.org",
    "grafana.com",
    "grafana.net",
    "elastic.co",
    "elastic-cloud.com",
    "mongodb.com",
    "mongodb.net",
    "hashicorp.com",
    "terraform.io",
    "vaultproject.io",
    "consul.io",
    "helm.sh",
    "prometheus.io",
    "opentelemetry.io",
    "jenkins.io",
    "circleci.com",
    "travis-ci.com",
    "travis-ci.org",
    "apple.com",
    "icloud.com",
    "zendesk.com",
    "service-now.com",
    "servicenow.com",
    "sharepoint.com",
    "myshopify.com",
    "shopify.com",
    "stripe.com",
    "twilio.com",
    "sendgrid.net",
    "sendgrid.com",
    "mailgun.org",
    "salesforce.com",
    "force.com",
    "newrelic.com",
    "splunk.com",
    "splunkcloud.com",
    "honeycomb.io",
    "launchdarkly.com",
    "fly.io",
    "fly.dev",
    "render.com",
    "onrender.com",
    "railway.app",
    "supabase.co",
    "supabase.com",
    "planetscale.com",
    "snowflakecomputing.com",
    "databricks.com",
    "confluent.cloud",
    "confluent.io",
    "gcr.io",
    "pkg.dev",
    "quay.io",
    "ghcr.io",
    "bit.ly",
    "goo.gl",
    "archive.org",
    "web.archive.org",
    "status.aws.amazon.com",
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.com",
    "ntp.org",
    "pool.ntp.org",
    "root-servers.net",
    "iana.org",
    "arin.net",
    "ripe.net",
    "aka.ms",
    "microsoftonline.com",
    "microsoftonline.de",
    "microsoftazure.de",
    "visualstudio.com",
    "azure.net",
    "windowsazure.com",
    "office365.com",
    "msft.net",
    "incident.io",
    "pastebin.com",
    "wordpress.com",
    "blogspot.com",
    "substack.com",
    "notion.so",
    "notion.site",
    "google.dev",
    "gitbook.io",
    "readthedocs.io",
    "readthedocs.org",
    "npm.im",
    "sourceforge.net",
    "launchpad.net",
    "apple.news",
    "bbc.co.uk",
    "nytimes.com",
    "theguardian.com",
    "arstechnica.com",
    "theregister.com",
    "techcrunch.com",
    "zdnet.com",
    "wired.com",
    "bloomberg.com",
    "reuters.com",
];

/// Sub-domain labels that are the service's own, not a tenant's.
const GENERIC_SUBDOMAINS: &[&str] = &[
    "www",
    "api",
    "apis",
    "docs",
    "doc",
    "developer",
    "developers",
    "status",
    "app",
    "console",
    "login",
    "auth",
    "accounts",
    "account",
    "cdn",
    "static",
    "assets",
    "s3",
    "ec2",
    "sts",
    "iam",
    "rds",
    "elb",
    "dynamodb",
    "lambda",
    "sqs",
    "sns",
    "kinesis",
    "logs",
    "monitoring",
    "cloud",
    "portal",
    "blog",
    "help",
    "support",
    "en",
    "de",
    "fr",
    "es",
    "ja",
    "m",
    "mail",
    "smtp",
    "imap",
    "pop",
    "storage",
    "compute",
    "registry",
    "hub",
    "raw",
    "gist",
    "objects",
    "media",
    "images",
    "img",
    "fonts",
    "maps",
    "translate",
    "drive",
    "news",
    "community",
    "forum",
    "learn",
    "aws",
    "health",
    "security",
    "pages",
    "download",
    "downloads",
    "packages",
    "pkg",
    "repo",
    "index",
    "upload",
    "files",
    "ci",
    "ssl",
    "ocsp",
    "crl",
    "time",
    "ntp",
    "dns",
    "ns1",
    "ns2",
    "pool",
    "mirror",
    "mirrors",
    "archive",
    "web",
    "dashboard",
    "oauth2",
    "accounts",
    "myaccount",
    "signin",
    "sso",
    "identity",
    "management",
    "portal",
    "global",
    "us",
    "eu",
    "asia",
    "global-console",
    "s3-website",
    "execute-api",
    "elasticbeanstalk",
    "cognito-idp",
    "secretsmanager",
    "ssm",
    "kms",
    "cloudformation",
    "route53",
    "ecr",
    "ecs",
    "eks",
    "email",
    "ses",
    "dkr",
    "api-docs",
    "reference",
    "spec",
    "specs",
    "discuss",
    "issues",
    "bugs",
    "tracker",
    "wiki",
    "en-us",
    "support-docs",
];

/// Public documentation hosts whose URLs are kept as references.
const DOC_HOSTS: &[&str] = &[
    "docs.aws.amazon.com",
    "aws.amazon.com",
    "cloud.google.com",
    "learn.microsoft.com",
    "docs.microsoft.com",
    "kubernetes.io",
    "docs.docker.com",
    "developer.mozilla.org",
    "en.wikipedia.org",
    "www.rfc-editor.org",
    "datatracker.ietf.org",
    "tools.ietf.org",
    "nvd.nist.gov",
    "cve.mitre.org",
    "www.cve.org",
    "www.postgresql.org",
    "postgresql.org",
    "dev.mysql.com",
    "redis.io",
    "nginx.org",
    "docs.python.org",
    "doc.rust-lang.org",
    "docs.rs",
    "go.dev",
    "pkg.go.dev",
    "docs.github.com",
    "docs.gitlab.com",
    "www.kernel.org",
    "man7.org",
    "docs.oracle.com",
    "www.githubstatus.com",
    "www.cloudflarestatus.com",
    "health.aws.amazon.com",
    "status.aws.amazon.com",
    "status.cloud.google.com",
    "azure.status.microsoft",
    "prometheus.io",
    "grafana.com",
    "www.terraform.io",
    "developer.hashicorp.com",
    "helm.sh",
    "istio.io",
    "envoyproxy.io",
    "www.envoyproxy.io",
    "kafka.apache.org",
    "cassandra.apache.org",
    "www.elastic.co",
    "www.mongodb.com",
    "www.iana.org",
    "letsencrypt.org",
    "community.letsencrypt.org",
    "www.w3.org",
    "semver.org",
    "opentelemetry.io",
];

pub(crate) const PUBLIC_VENDORS: &[&str] = &[
    // vendors of the trades whose names stand for their products
    "jeppesen",
    "mazak",
    "fanuc",
    "okuma",
    "haas",
    "krones",
    "beckhoff",
    "abb",
    "garmin",
    "collins aerospace",
    "thales",
    "amadeus",
    "sabre",
    "sita",
    "arinc",
    "guidewire",
    "maximo",
    "temenos",
    "finastra",
    "fiserv",
    "jack henry",
    "bloomberg",
    "refinitiv",
    "murex",
    "medtronic",
    "baxter",
    "philips",
    "ge healthcare",
    "stryker",
    "becton dickinson",
    "bd alaris",
    "google",
    "amazon",
    "microsoft",
    "apple",
    "ibm",
    "meta",
    "facebook",
    "red hat",
    "hashicorp",
    "elastic",
    "atlassian",
    "salesforce",
    "intel",
    "amd",
    "nvidia",
    "samsung",
    "dell",
    "hp",
    "hpe",
    "lenovo",
    "broadcom",
    "zendesk",
    "shopify",
    "canonical",
    "suse",
    "siemens",
    "philips",
    "medtronic",
    "baxter",
    "ge",
    "honeywell",
    "abb",
    "emerson",
    "yokogawa",
    "thales",
    "garmin",
    "collins aerospace",
    "netflix",
    "twitter",
    "linkedin",
    "oracle",
    "cloudflare",
    "fastly",
    "akamai",
    "datadog",
    "github",
    "gitlab",
    "pagerduty",
    "okta",
    "twilio",
    "stripe",
    "mongodb",
    "confluent",
    "databricks",
    "snowflake",
    "vmware",
    "cisco",
    "juniper",
    "arista",
    "docker",
    "digitalocean",
    "heroku",
    "vercel",
    "netlify",
    "openai",
    "anthropic",
    "google cloud",
    "amazon web services",
    "microsoft azure",
    "boeing",
    "airbus",
    "embraer",
    "bombardier",
    "cessna",
    "faa",
    "easa",
    "ntsb",
    "icao",
    "nasa",
    "fda",
    // regulators, central banks and data-protection authorities are public bodies
    "bank of england",
    "banco de portugal",
    "banco de españa",
    "banca d'italia",
    "banque de france",
    "deutsche bundesbank",
    "bundesbank",
    "de nederlandsche bank",
    "european central bank",
    "federal reserve",
    "reserve bank of india",
    "bank of japan",
    "banco central do brasil",
    "banco central",
    "banco de méxico",
    "banxico",
    "bank indonesia",
    "otoritas jasa keuangan",
    "ojk",
    "npci",
    "pix",
    "banco central de la república argentina",
    "autoriteit persoonsgegevens",
    "information commissioner's office",
    "cnil",
    "bafin",
    "finma",
    "finra",
    "mhra",
    "ansm",
    "bfarm",
    "aesa",
    "enac",
    "anac",
    "dgac",
    "luftfahrt-bundesamt",
    "civil aviation authority",
    "care quality commission",
    "datatilsynet",
    "kifid",
    "financial ombudsman service",
    "afca",
    "anpd",
    "faster payments",
    "bacs",
    "chaps",
    "ncsc",
    "cisa",
    "enisa",
    "nhs",
    "cdc",
    "who",
    "iso",
    "nist",
    "ietf",
    "w3c",
    "mitre",
    "owasp",
    "cncf",
    "linux foundation",
    "apache software foundation",
    "let's encrypt",
    "verizon",
    "at&t",
    "comcast",
    "telstra",
    "mozilla",
    "paypal",
    "level3",
    "level 3",
    "centurylink",
    "lumen",
    "cogent",
    "ntt",
    "telia",
    "zayo",
    "vodafone",
    "t-mobile",
    "sprint",
    "deutsche telekom",
    "orange",
    "bt",
    "telefonica",
    "hurricane electric",
    "equinix",
    "digital realty",
    "stackdriver",
    "xubuntu",
    "chrome",
    "firefox",
    "safari",
    "edge",
    "openssh",
    "letsencrypt",
    "sectigo",
    "digicert",
    "godaddy",
    "namecheap",
    "verisign",
    "dyn",
    "ultradns",
    "neustar",
    "route 53",
    "bing",
    "yahoo",
    "whatsapp",
    "instagram",
    "youtube",
    "tiktok",
    "uber",
    "lyft",
    "airbnb",
    "spotify",
    "dropbox",
    "box",
    "slack",
    "zoom",
    "discord",
    "telegram",
    "signal",
    "visa",
    "mastercard",
    "amex",
    "american express",
    "swift",
    // public sites and market infrastructure named in postmortems
    "stack exchange",
    "stack overflow",
    "london stock exchange",
    "new york stock exchange",
    "nyse",
    "nasdaq",
    "internet exchange",
];

const PROJECT_WORDS: &[&str] = &[
    "centre",
    "center",
    "centres",
    "centers",
    "management",
    "manager",
    "plan",
    "planning",
    "scope",
    "lead",
    "board",
    "status",
    "team",
    "kickoff",
    "timeline",
    "goals",
    "review",
];

pub(crate) const COMMON_VERBS: &[&str] = &[
    "reported",
    "said",
    "says",
    "noted",
    "confirmed",
    "asked",
    "replied",
    "wrote",
    "mentioned",
    "added",
    "deleted",
    "created",
    "updated",
    "changed",
    "restarted",
    "rolled",
    "deployed",
    "failed",
    "logged",
    "signed",
    "reset",
    "expired",
    "rotated",
    "leaked",
    "stored",
    "required",
    "missing",
    "invalid",
    "incorrect",
    "wrong",
    "correct",
    "accepted",
    "rejected",
    "locked",
    "unlocked",
    "set",
    "used",
    "was",
    "is",
    "were",
    "has",
    "had",
    "with",
    "without",
    "from",
    "into",
    "onto",
    "and",
    "or",
    "not",
    "then",
    "than",
    "that",
    "this",
    "these",
    "those",
    "their",
    "there",
    "here",
    "which",
    "who",
    "whom",
    "account",
    "accounts",
    "agent",
    "id",
    "ids",
    "name",
    "names",
    "data",
    "profile",
    "session",
    "sessions",
    "request",
    "requests",
    "facing",
    "impact",
    "impacted",
    "affected",
    "traffic",
    "error",
    "errors",
    "experience",
    "interface",
    "input",
    "space",
    "mode",
    "level",
    "group",
    "groups",
    "role",
    "roles",
    "permissions",
    "base",
    "count",
    "table",
    "tables",
    "records",
    "record",
    "lookup",
    "lookups",
    "list",
    "cache",
    "story",
    "stories",
    "manual",
    "guide",
    "documentation",
    "complaints",
    "complained",
    "reports",
    "submitted",
    "initiated",
    "triggered",
    "caused",
    "reverted",
    "approved",
    "merged",
    "opened",
    "closed",
    "filed",
    "posted",
    "commented",
    "agents",
    "attempts",
    "attempt",
    "flow",
    "flows",
    "journey",
    "journeys",
    "support",
    "tickets",
    "ticket",
];

const REG_PREFIXES: &[&str] = &[
    "G", "D", "F", "I", "C", "EI", "OE", "OO", "PH", "SE", "OY", "LN", "OH", "HB", "EC", "CS",
    "SP", "OK", "HA", "YR", "LZ", "SX", "TC", "4X", "VH", "ZK", "CF", "CG", "JA", "HL", "9V", "9M",
    "A6", "A7", "VT", "AP", "HS", "RP", "PR", "PP", "PT", "XA", "XB", "LV", "CC", "ZS", "5N", "ET",
    "SU", "RA", "UR", "EW", "LY", "ES", "YL", "9H", "5B", "TF", "9A", "S5", "OM", "UP", "4L", "EP",
    "A9C", "A4O", "HZ", "JY", "OD", "TS", "CN", "7T", "5Y", "5H", "9G", "ZA", "PK", "B",
];

/// Words that name the kind of machine before its name ("workstations BCA-ICU-01").
const MACHINE_CONTEXT: &[&str] = &[
    "workstation",
    "host",
    "server",
    "station",
    "device",
    "node",
    "terminal",
    "kiosk",
    "machine",
    "laptop",
    "desktop",
    "printer",
    "gateway",
    "controller",
    "router",
    "switch",
    "computer",
    " vm ",
    " vms ",
    " pc ",
    " pcs ",
    "tower",
    "cabinet",
    "historian",
];

/// The other ICAO nationality marks, taken for a registration only in aviation text (many are
/// also two-letter abbreviations: "HR", "ER", "ST", "UK").
const REG_PREFIXES_AVIATION: &[&str] = &[
    "A2", "A3", "A5", "A8", "C2", "C3", "C5", "C6", "C9", "CP", "CU", "CX", "D2", "D4", "D6", "DQ",
    "E3", "E5", "E7", "EK", "ER", "EX", "EY", "EZ", "H4", "HC", "HH", "HI", "HK", "HP", "HR", "J2",
    "J3", "J5", "J6", "J7", "J8", "JU", "P2", "P4", "PJ", "PZ", "S2", "S7", "S9", "ST", "T7", "TG",
    "TI", "TJ", "TL", "TN", "TR", "TT", "TU", "TY", "TZ", "UK", "UN", "V2", "V3", "V4", "V5", "V6",
    "V7", "V8", "VN", "VP", "VQ", "XT", "XU", "XY", "YA", "YI", "YJ", "YK", "YN", "YS", "YU", "YV",
    "Z", "Z3", "ZP", "3A", "3B", "3C", "3D", "3X", "4K", "4O", "4R", "4W", "5A", "5R", "5T", "5U",
    "5V", "5W", "5X", "6O", "6V", "6Y", "7O", "7P", "7Q", "8P", "8Q", "8R", "9J", "9K", "9L", "9N",
    "9Q", "9U", "9Y",
];

const IATA: &[&str] = &[
    "BA", "AA", "UA", "DL", "LH", "AF", "KL", "EK", "QF", "NH", "JL", "SQ", "CX", "TK", "IB", "AZ",
    "LX", "OS", "SK", "AY", "EI", "FR", "U2", "WN", "B6", "AS", "NK", "F9", "AC", "WS", "QR", "EY",
    "SV", "MS", "ET", "SA", "KE", "OZ", "CA", "MU", "CZ", "AI", "6E", "VS", "TP", "LO", "SN", "A3",
    "LA", "AV", "CM", "AM", "G3", "JJ", "AD", "NZ", "VA", "JQ", "MH", "TG", "GA", "PR", "VN", "BR",
    "CI", "HU", "3U", "ZH", "MF", "HX", "UO", "KA", "QZ", "AK", "FD", "VY", "W6", "DY", "D8", "HV",
    "TO", "EW", "X3", "BE", "LS", "EZ", "SU", "S7", "PS", "RJ", "ME", "GF", "WY", "KU", "UL", "PK",
    "BG", "KQ", "WB", "AT", "RO", "OK", "JU", "OU", "FI", "BT", "LG", "EN", "HA", "YX", "OO", "MQ",
    "9E", "G4", "SY", "XP", "MX", "Y4", "VB", "JA", "H2", "LP", "4M", "2K", "AR", "FO", "5X", "FX",
    "UPS", "CV", "LD", "PO", "KZ", "CK", "QY",
];

const ICAO: &[&str] = &[
    "UAL", "AAL", "DAL", "BAW", "DLH", "AFR", "KLM", "UAE", "QFA", "ANA", "JAL", "SIA", "CPA",
    "THY", "IBE", "RYR", "EZY", "SWR", "AUA", "SAS", "FIN", "SWA", "JBU", "ASA", "ACA", "QTR",
    "ETD", "SVA", "MSR", "ETH", "SAA", "KAL", "AAR", "CCA", "CES", "CSN", "AIC", "IGO", "VIR",
    "TAP", "LOT", "BEL", "AEE", "LAN", "AVA", "CMP", "AMX", "GLO", "TAM", "AZU", "ANZ", "VOZ",
    "JST", "MAS", "THA", "GIA", "PAL", "HVN", "EVA", "CAL", "NKS", "FFT", "WJA", "EIN", "VLG",
    "NAX", "WZZ", "TRA", "EWG", "AFL", "SBI", "UPS", "FDX", "GTI", "CLX", "ABW", "BOX", "DHK",
    "SKW", "RPA", "ENY", "EDV", "JIA", "PDT", "ASH", "QXE", "AWI", "GJS", "CPZ", "ITY", "ICE",
    "TVF", "BCS", "LOG", "EXS", "TOM", "VKG", "CFG", "BTI", "ROT", "KQA", "RAM", "MEA", "RJA",
    "GFA", "KAC", "OMA", "PIA", "BBC", "ALK", "CSZ", "CHH", "CXA", "HDA", "CRK", "AXM", "CEB",
    "QTR",
];

const _: () = {
    // keep the detector identifiers in one place
    let _ = FULL_MONTH;
};

/// Words that make a declared name an organisation or product rather than a person.
const ORG_WORDS: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "ag",
    "sa",
    "plc",
    "co",
    "company",
    "group",
    "holdings",
    "partners",
    "capital",
    "labs",
    "lab",
    "systems",
    "system",
    "solutions",
    "technologies",
    "technology",
    "tech",
    "software",
    "networks",
    "network",
    "cloud",
    "data",
    "digital",
    "global",
    "international",
    "bank",
    "banking",
    "payments",
    "pay",
    "finance",
    "financial",
    "insurance",
    "health",
    "healthcare",
    "medical",
    "clinic",
    "clinics",
    "hospital",
    "hospitals",
    "pharma",
    "airlines",
    "airline",
    "airways",
    "air",
    "aviation",
    "aerospace",
    "energy",
    "power",
    "utilities",
    "telecom",
    "mobile",
    "media",
    "games",
    "studios",
    "studio",
    "foods",
    "motors",
    "industries",
    "industrial",
    "manufacturing",
    "logistics",
    "services",
    "service",
    "consulting",
    "analytics",
    "security",
    "dynamics",
    "widgets",
    "platform",
    "platforms",
    "app",
    "apps",
    "online",
    "store",
    "stores",
    "shop",
    "market",
    "markets",
    "retail",
    "university",
    "college",
    "school",
    "institute",
    "foundation",
    "agency",
    "department",
    "ministry",
    "council",
    "team",
    "project",
    "cluster",
    "api",
    "db",
    "prod",
    "staging",
];

/// Redact `text[start..end]` as an organisation, and keep its name as one the report uses
/// (so that it is found again wherever it appears).
fn push_org(text: &str, start: usize, end: usize, facts: &mut DocFacts, out: &mut Vec<Cand>) {
    let org = &text[start..end];
    facts.orgs.push(org.to_lowercase());
    out.push(Cand::new(start, end, Kind::Org).key(normalise_key(Kind::Org, org)));
}

/// A declared name of two or three capitalised words ("Quintessa Marrowby"), none of them
/// an organisation word, reads as a person even when no list knows the given name.
/// The phrase at `start..end` is the whole value of a field or an aside: after a short label
/// and a colon at the start of a line ("Operator: Aurora Coastal Airlines"), an opening
/// bracket or a dash, and before the end of the line, a comma, a bracket, a dash or a wide gap.
pub(crate) fn field_value(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let line = before.rsplit('\n').next().unwrap_or("");
    let opens = match line.strip_suffix(':') {
        Some(label) => {
            // "FDM EVENT EXPORT - operator: Wattle Air": a field in a title line's segment
            let segment = [" - ", " — ", " – ", " | ", "; "]
                .iter()
                .filter_map(|sep| label.rfind(sep).map(|i| i + sep.len()))
                .max()
                .unwrap_or(0);
            let label = label[segment..].trim_start_matches(['#', '*', '-', ' ', '\t', '>']);
            !label.is_empty()
                && label.split_whitespace().count() <= 4
                && label
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ' ' | '\t' | '/' | '-' | '.'))
        }
        None => line.ends_with('(') || line.ends_with(" —") || line.ends_with(" –"),
    };
    let after = &text[end..];
    opens
        && (after.is_empty()
            || after.starts_with(['\n', '\r', ',', ';', ')'])
            || after.starts_with("  ")
            || after.starts_with(" (")
            || after.starts_with(" —")
            || after.starts_with(" –")
            || after.starts_with(" - "))
}

fn looks_like_unknown_person(words: &[&str]) -> bool {
    (2..=3).contains(&words.len())
        && words.iter().all(|word| {
            let mut chars = word.chars();
            let first_upper = chars.next().is_some_and(char::is_uppercase);
            let rest: Vec<char> = chars.collect();
            first_upper
                && !rest.is_empty()
                && rest.iter().any(|c| c.is_lowercase())
                && rest
                    .iter()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
                && !ORG_WORDS.contains(&word.to_lowercase().as_str())
        })
        // "Lumaris Lighting", "Kilimanjaro Fresh Exports": an English word that is no listed
        // name makes it a company's
        && !words.iter().any(|word| {
            let l = word.to_lowercase();
            l.chars().count() >= 4
                && person::is_english_word(&l)
                && !LISTS.surnames.contains(&l)
                && !LISTS.given.contains(&l)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_patterns_compile() {
        let d = Detectors::new();
        assert!(d.all_compiled());
    }

    #[test]
    fn helpers() {
        assert!(luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        assert!(iban_valid("GB82WEST12345698765432"));
        assert!(!iban_valid("GB82WEST12345698765433"));
        assert!(is_region("us-east-1"));
        assert!(is_region("europe-west1"));
        assert!(!is_region("db-prod-03"));
        assert!(env_host("db-prod-03"));
        assert!(!env_host("non-prod"));
        assert!(!env_host("us-east-1"));
        assert_eq!(registrable("mail.eu.acme-corp.co.uk"), "acme-corp.co.uk");
        assert_eq!(
            org_from_domain("acme-corp.io").as_deref(),
            Some("acme-corp")
        );
        assert_eq!(org_from_domain("gmail.com"), None);
    }
}
