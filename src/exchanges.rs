//! Stock exchange names: the canonical codes a dataset writes and the spellings pages use.

/// Canonical exchange codes accepted in a dataset's `EXCHANGE:SYMBOL`, each with the lowercase
/// spellings that name it in page text.
const EXCHANGES: &[(&str, &[&str])] = &[
    ("NASDAQ", &["nasdaq", "nsdq", "nasdaqgs", "nasdaqgm", "nasdaqcm"]),
    ("NYSE", &["nyse", "nysearca", "nyse american", "nysemkt", "amex"]),
    ("OTC", &["otc", "otcmkts", "otcqx", "otcqb", "pink"]),
    ("CBOE", &["cboe", "bats"]),
    ("LSE", &["lse", "lon"]),
    ("TASE", &["tase", "tlv"]),
    ("FWB", &["fwb", "fra", "xetra", "etr"]),
    ("EPA", &["epa", "euronext paris"]),
    ("AMS", &["ams", "euronext amsterdam"]),
    ("EBR", &["ebr", "euronext brussels"]),
    ("BIT", &["bit", "mil", "borsa italiana"]),
    ("BME", &["bme"]),
    ("SIX", &["six", "swx"]),
    ("STO", &["sto"]),
    ("CPH", &["cph"]),
    ("OSL", &["osl"]),
    ("HEL", &["hel"]),
    ("VIE", &["vie"]),
    ("KRX", &["krx", "kospi", "kosdaq"]),
    ("TYO", &["tyo", "tse"]),
    ("HKEX", &["hkex", "hkg", "sehk"]),
    ("SSE", &["sse", "sha"]),
    ("SZSE", &["szse", "she"]),
    ("TWSE", &["twse", "tpe"]),
    ("NSE", &["nse"]),
    ("BSE", &["bse"]),
    ("ASX", &["asx"]),
    ("TSX", &["tsx", "tse:ca"]),
    ("SGX", &["sgx"]),
    ("BMV", &["bmv"]),
    ("B3", &["b3", "bvmf", "bovespa"]),
    ("JSE", &["jse"]),
    ("TADAWUL", &["tadawul"]),
];

/// Reuters-style suffixes ("AMZN.O") and the exchange each names.
const SUFFIXES: &[(&str, &str)] = &[
    ("o", "NASDAQ"),
    ("oq", "NASDAQ"),
    ("n", "NYSE"),
    ("l", "LSE"),
    ("ta", "TASE"),
    ("de", "FWB"),
    ("f", "FWB"),
    ("pa", "EPA"),
    ("as", "AMS"),
    ("mi", "BIT"),
    ("ks", "KRX"),
    ("t", "TYO"),
    ("hk", "HKEX"),
    ("to", "TSX"),
    ("sw", "SIX"),
];

/// True if `code` is a canonical exchange code (as written in a dataset).
pub fn is_known(code: &str) -> bool {
    EXCHANGES.iter().any(|(c, _)| *c == code)
}

/// The canonical code named by a lowercase spelling from page text.
pub fn canonical(spelling: &str) -> Option<&'static str> {
    EXCHANGES.iter().find(|(_, names)| names.contains(&spelling)).map(|(code, _)| *code)
}

/// The canonical code named by a lowercase Reuters-style suffix.
pub fn by_suffix(suffix: &str) -> Option<&'static str> {
    SUFFIXES.iter().find(|(s, _)| *s == suffix).map(|(_, code)| *code)
}

/// Every lowercase spelling, for the financial-context word list.
pub fn spellings() -> impl Iterator<Item = &'static str> {
    EXCHANGES.iter().flat_map(|(_, names)| names.iter().copied())
}
