//! National identity numbers checked by their own check digits, with no cue word before
//! them: a shape of digits alone names nobody, a shape whose check digit holds names a person
//! (one random number in ten to one in a hundred passes, so the shapes are kept narrow, and
//! the eleven-digit numbers of Poland and Türkiye, which look like phone numbers, need their
//! name on the same line).

/// The digits of `v`, as numbers.
fn digits(v: &str) -> Vec<u32> {
    v.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// A valid day of a month (no leap-year check: a 29th of February passes).
fn valid_day(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Brazilian CPF, written "792.820.102-01": two mod-11 check digits.
pub(crate) fn cpf(v: &str) -> bool {
    let d = digits(v);
    if d.len() != 11 || d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let check = |n: usize| {
        let sum: u32 = d[..n]
            .iter()
            .enumerate()
            .map(|(i, &x)| x * (n as u32 + 1 - i as u32))
            .sum();
        (sum * 10) % 11 % 10
    };
    check(9) == d[9] && check(10) == d[10]
}

/// Indian Aadhaar, written "4863 0374 8622": twelve digits, the first not 0 or 1, Verhoeff
/// check digit.
pub(crate) fn aadhaar(v: &str) -> bool {
    const MUL: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const PERM: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 7, 8, 6, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let d = digits(v);
    if d.len() != 12 || d[0] < 2 {
        return false;
    }
    let mut c = 0usize;
    for (i, &x) in d.iter().rev().enumerate() {
        c = usize::from(MUL[c][usize::from(PERM[i % 8][x as usize])]);
    }
    c == 0
}

/// Polish PESEL: eleven digits, a birth date (the month carries the century), weighted check
/// digit.
pub(crate) fn pesel(v: &str) -> bool {
    const W: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let d = digits(v);
    if d.len() != 11 {
        return false;
    }
    let month = (d[2] * 10 + d[3]) % 20;
    let day = d[4] * 10 + d[5];
    let sum: u32 = d[..10].iter().zip(W).map(|(x, w)| x * w).sum();
    valid_day(month, day) && (10 - sum % 10) % 10 == d[10]
}

/// Turkish T.C. Kimlik No: eleven digits, the first not 0, two check digits.
pub(crate) fn tc_kimlik(v: &str) -> bool {
    let d = digits(v);
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let odd: u32 = d[0] + d[2] + d[4] + d[6] + d[8];
    let even: u32 = d[1] + d[3] + d[5] + d[7];
    let tenth = (odd * 7 + 10 * 9 - even) % 10;
    let eleventh = d[..10].iter().sum::<u32>() % 10;
    tenth == d[9] && eleventh == d[10]
}

/// Spanish DNI ("44388265J") or NIE ("X1234567L"): the letter is the number modulo 23.
pub(crate) fn dni(v: &str) -> bool {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let b = v.as_bytes();
    if b.len() != 9 {
        return false;
    }
    let lead = match b[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        c if c.is_ascii_digit() => u32::from(c - b'0'),
        _ => return false,
    };
    let Some(rest) = v.get(1..8) else {
        return false;
    };
    let Ok(n) = rest.parse::<u32>() else {
        return false;
    };
    let number = lead * 10_000_000 + n;
    LETTERS[(number % 23) as usize] == b[8]
}

/// French NIR (numéro de sécurité sociale), written "2 57 06 69 695 075 23": sex, year,
/// month, place and order, then a key of 97 minus the number modulo 97.
pub(crate) fn nir(v: &str) -> bool {
    let d = digits(v);
    if d.len() != 15 || !(1..=2).contains(&d[0]) {
        return false;
    }
    let month = d[3] * 10 + d[4];
    if !(1..=12).contains(&month) && !(20..=42).contains(&month) {
        return false;
    }
    let n = d[..13].iter().fold(0u64, |a, &x| a * 10 + u64::from(x));
    let key = u64::from(d[13] * 10 + d[14]);
    97 - n % 97 == key
}

/// Swedish personnummer, written "19840312-4475" or "840312-4475": a birth date (or its
/// coordination number, day + 60) and a Luhn check digit over the last ten digits.
pub(crate) fn personnummer(v: &str) -> bool {
    let d = digits(v);
    let ten = match d.len() {
        10 => &d[..],
        12 => &d[2..],
        _ => return false,
    };
    let month = ten[2] * 10 + ten[3];
    let day = ten[4] * 10 + ten[5];
    let day = if day > 60 { day - 60 } else { day };
    let ten: Vec<u8> = ten.iter().filter_map(|&x| u8::try_from(x).ok()).collect();
    valid_day(month, day) && crate::detect::luhn(&ten)
}

/// Czech or Slovak rodné číslo, written "905412/1263": a birth date (women's months + 50)
/// and ten digits divisible by eleven.
pub(crate) fn rodne_cislo(v: &str) -> bool {
    let d = digits(v);
    if d.len() != 10 {
        return false;
    }
    let month = (d[2] * 10 + d[3]) % 50 % 20;
    let day = d[4] * 10 + d[5];
    let n = d.iter().fold(0u64, |a, &x| a * 10 + u64::from(x));
    let first9 = n / 10;
    let mod_ok = n.is_multiple_of(11) || (first9 % 11 == 10 && d[9] == 0);
    valid_day(month, day) && mod_ok
}

/// The check digit of a Chinese resident id (GB 11643, ISO 7064 MOD 11-2).
pub(crate) fn chinese_id(v: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let b = v.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize];
    b[17].to_ascii_uppercase() == check
}

/// `v`, matched by the [`crate::detect`] pattern of these shapes, is one of these numbers;
/// `line` is the line it stands on.
pub(crate) fn checked(v: &str, line: &str) -> bool {
    let b = v.as_bytes();
    if b.len() == 14 && b[3] == b'.' && b[7] == b'.' && b[11] == b'-' {
        return cpf(v);
    }
    if b.len() == 14 && b[4] == b' ' && b[9] == b' ' {
        return aadhaar(v);
    }
    if b.len() == 11 && b.iter().all(u8::is_ascii_digit) {
        let lower = line.to_lowercase();
        return (pesel(v) && (lower.contains("pesel") || lower.contains("pacjent")))
            || (tc_kimlik(v)
                && (lower.contains("kimlik") || lower.contains("tckn") || line.contains("T.C.")));
    }
    if b.len() == 9 && b[8].is_ascii_uppercase() {
        return dni(v);
    }
    if b.len() == 21 && b[1] == b' ' {
        return nir(v);
    }
    if v.contains('/') {
        return rodne_cislo(v);
    }
    if b.len() == 11 && matches!(b[6], b'-' | b'+' | b'A') {
        return hetu(v) || personnummer(v);
    }
    if v.contains(['-', '+']) {
        return personnummer(v);
    }
    false
}

/// Finnish henkilötunnus: a birth date, the century sign (`+` 1800s, `-` 1900s, `A` 2000s),
/// three digits and a check character (the nine digits modulo 31 in "0123456789ABCDEFHJKLMNPRSTUVWXY").
pub(crate) fn hetu(v: &str) -> bool {
    const CHECK: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let b = v.as_bytes();
    if b.len() != 11 || !v.is_ascii() || !matches!(b[6], b'-' | b'+' | b'A') {
        return false;
    }
    let num: String = v[..6].chars().chain(v[7..10].chars()).collect();
    let (Ok(n), Ok(day), Ok(month)) = (
        num.parse::<u64>(),
        v[..2].parse::<u32>(),
        v[2..4].parse::<u32>(),
    ) else {
        return false;
    };
    valid_day(month, day) && CHECK.get((n % 31) as usize) == Some(&b[10])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert!(cpf("792.820.102-01"));
        assert!(!cpf("792.820.102-02"));
        assert!(!cpf("111.111.111-11"));
        assert!(aadhaar("4863 0374 8622"));
        assert!(aadhaar("9616 1249 0659"));
        assert!(!aadhaar("4863 0374 8623"));
        assert!(pesel("85071218558"));
        assert!(hetu("131052-308T"));
        assert!(!hetu("131052-308U"));
        assert!(!pesel("85071218559"));
        assert!(tc_kimlik("15673434182"));
        assert!(!tc_kimlik("15673434183"));
        assert!(dni("44388265J"));
        assert!(!dni("44388265K"));
        assert!(dni("X1234567L"));
        assert!(nir("2 57 06 69 695 075 23"));
        assert!(!nir("2 57 06 69 695 075 24"));
        assert!(personnummer("19840312-4475"));
        assert!(!personnummer("19840312-4476"));
        assert!(rodne_cislo("905412/1263"));
        assert!(!rodne_cislo("905412/1264"));
    }

    #[test]
    fn eleven_digits_need_their_name_on_the_line() {
        assert!(checked("85071218558", "| PL | PESEL | 85071218558 |"));
        assert!(!checked("85071218558", "call 85071218558"));
        assert!(checked(
            "15673434182",
            "| TR | T.C. Kimlik No | 15673434182 |"
        ));
    }
}
