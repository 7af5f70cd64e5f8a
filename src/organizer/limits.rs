//! What the browsers and their stores accept in a packed extension's manifest, checked before
//! anything is written, so `pack` fails with the reason instead of making a package no store takes.

/// Chrome Web Store and Chromium refuse a longer manifest `name`.
pub const MAX_NAME_CHARS: usize = 45;
/// Chrome Web Store refuses a longer manifest `description`.
pub const MAX_DESCRIPTION_CHARS: usize = 132;

/// The extension's name: not blank, at most [`MAX_NAME_CHARS`] characters.
pub fn name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("--name is empty; the stores and the toolbar need a name".into());
    }
    let n = name.chars().count();
    if n > MAX_NAME_CHARS {
        return Err(format!("--name is {n} characters; the Chrome Web Store takes at most {MAX_NAME_CHARS}"));
    }
    Ok(())
}

/// The store description: not blank, at most [`MAX_DESCRIPTION_CHARS`] characters.
pub fn description(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("--description is empty; leave it out to keep the default".into());
    }
    let n = text.chars().count();
    if n > MAX_DESCRIPTION_CHARS {
        return Err(format!(
            "--description is {n} characters; the Chrome Web Store takes at most {MAX_DESCRIPTION_CHARS}"
        ));
    }
    Ok(())
}

/// A manifest version both browsers load: one to four dot-separated whole numbers, each at most
/// 65535 and without leading zeros ("1.2.0", not "1.02" or "v1").
pub fn version(v: &str) -> Result<(), String> {
    let parts: Vec<&str> = v.split('.').collect();
    let part_ok = |p: &&str| {
        !p.is_empty()
            && p.len() <= 5
            && p.chars().all(|c| c.is_ascii_digit())
            && (p.len() == 1 || !p.starts_with('0'))
            && p.parse::<u32>().is_ok_and(|n| n <= 65_535)
    };
    if parts.len() > 4 || !parts.iter().all(part_ok) {
        return Err(format!(
            "--version {v:?} must be like 1.2.3: up to four whole numbers below 65536, separated by dots"
        ));
    }
    Ok(())
}

/// A content-script match pattern Chromium and Firefox accept: `<scheme>://<host><path>` with
/// scheme http, https or `*`, a host that is `*`, `*.name` or a name, and a path starting with `/`.
pub fn match_pattern(p: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("site {p:?} is not a match pattern: {why}"));
    let Some((scheme, rest)) = p.split_once("://") else { return bad("no \"://\"") };
    if !matches!(scheme, "http" | "https" | "*") {
        return bad("the scheme must be http, https or *");
    }
    let Some(slash) = rest.find('/') else { return bad("no path (end it with /*)") };
    let host = &rest[..slash];
    let name = host.strip_prefix("*.").unwrap_or(host);
    let name_ok = !name.is_empty()
        && name.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if host != "*" && !name_ok {
        return bad("the host must be *, *.example.org or example.org");
    }
    Ok(())
}

/// "example.com" -> its https pages and subdomains; a full match pattern is checked and kept.
pub fn site_patterns(site: &str) -> Result<Vec<String>, String> {
    let site = site.trim();
    if site.contains("://") {
        match_pattern(site)?;
        return Ok(vec![site.to_string()]);
    }
    let valid = site.contains('.')
        && site.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if !valid {
        return Err(format!("site {site:?} is neither a host name nor a match pattern"));
    }
    Ok(vec![format!("https://{site}/*"), format!("https://*.{site}/*")])
}

/// The contrast of white against `#rrggbb` (WCAG 2), or `None` for another form. The pages apply
/// the organizer's colour only from 4.5:1 (extension/shared/brand.js), so `pack` says when not.
pub fn contrast_with_white(hex: &str) -> Option<f64> {
    let digits = hex.strip_prefix('#').filter(|d| d.len() == 6 && d.chars().all(|c| c.is_ascii_hexdigit()))?;
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&digits[i..i + 2], 16).ok()?) / 255.0;
        Some(if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) })
    };
    let l = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (l + 0.05))
}

/// The exact hosts for which an http update URL is allowed, for testing on this machine.
pub const LOCAL_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// The origin updates come from: an https origin, or http on exactly one of [`LOCAL_HOSTS`]
/// (not "localhost.evil.com", which any DNS can point anywhere).
pub fn update_origin(url: &str) -> Result<String, String> {
    if let Some(rest) = url.strip_prefix("http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let (host, port) = split_port(authority);
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
        if LOCAL_HOSTS.contains(&host) && port_ok && !authority.contains('@') {
            return Ok(format!("http://{authority}"));
        }
    }
    crate::validate::origin(url).ok_or_else(|| {
        format!("update URL {url:?} must be https (or http on exactly localhost, 127.0.0.1 or [::1] for testing)")
    })
}

/// "host:port" -> (host, Some(port)); an IPv6 literal keeps its brackets.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        return match authority.find(']') {
            Some(end) => {
                let (host, rest) = authority.split_at(end + 1);
                (host, rest.strip_prefix(':'))
            }
            None => (authority, None),
        };
    }
    match authority.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_origins_allow_only_exact_local_hosts() {
        assert_eq!(update_origin("http://127.0.0.1:8080/list.json").as_deref(), Ok("http://127.0.0.1:8080"));
        assert_eq!(update_origin("http://localhost/list.json").as_deref(), Ok("http://localhost"));
        assert_eq!(update_origin("http://[::1]:9/l.json").as_deref(), Ok("http://[::1]:9"));
        for bad in [
            "http://localhost.evil.com/l.json",
            "http://127.0.0.1.evil.com/l",
            "http://localhost@evil.com/",
            "http://localhost:x/",
        ] {
            assert!(update_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn match_patterns_and_versions() {
        assert!(match_pattern("https://*.shop.example/*").is_ok());
        assert!(match_pattern("*://shop.example/path/*").is_ok());
        for bad in ["javascript://x", "https://", "ftp://a.b/*", "https://a..b/*", "https://shop.example"] {
            assert!(match_pattern(bad).is_err(), "{bad}");
        }
        for good in ["1", "1.2.3", "0.1.0", "65535.0.0.1"] {
            assert!(version(good).is_ok(), "{good}");
        }
        for bad in ["", "v1", "1.02", "1.2.3.4.5", "70000", "1..2"] {
            assert!(version(bad).is_err(), "{bad}");
        }
        assert!(contrast_with_white("#0f766e").is_some_and(|c| c > 4.5));
        assert!(contrast_with_white("#ffff00").is_some_and(|c| c < 4.5));
        assert_eq!(contrast_with_white("red"), None);
    }
}
