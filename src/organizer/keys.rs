//! Key pairs and dataset signatures in minisign's format, over text and bytes: the command line's
//! `keygen` and `sign` write them to files, the Studio offers them as downloads.

use minisign::{KeyPair, PublicKey, SecretKey, SecretKeyBox};

use crate::dataset::Dataset;
use crate::update::trusted_comment;

/// The comment minisign puts above a secret key made here.
const SECRET_COMMENT: &str = "backstory dataset signing key";

/// A new key pair as the two files' texts, and the public key's base64 line.
pub struct Pair {
    pub secret: String,
    pub public: String,
    pub public_base64: String,
}

/// A new key pair; with a password, the secret key is encrypted with it (minisign's scrypt), so a
/// downloaded key is of no use to whoever finds the file. Without one it is stored in the clear.
///
/// # Errors
/// An empty password, or no randomness from the platform.
pub fn generate(password: Option<&str>) -> Result<Pair, String> {
    let pair = match password {
        Some("") => return Err("the password is empty; choose one, or the secret key is not protected".into()),
        Some(p) => KeyPair::generate_encrypted_keypair(Some(p.to_string())),
        None => KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(|e| format!("key generation failed: {e}"))?;
    let secret = pair.sk.to_box(Some(SECRET_COMMENT)).map_err(|e| e.to_string())?.into_string();
    let public = pair.pk.to_box().map_err(|e| e.to_string())?.into_string();
    Ok(Pair { secret, public, public_base64: pair.pk.to_base64() })
}

/// A minisign secret key from its file's text: an unencrypted one as it is, an encrypted one with
/// `password` (never asked for on a terminal, so this works in a browser too).
pub fn secret_key(text: &str, password: Option<&str>) -> Result<SecretKey, String> {
    let boxed = || SecretKeyBox::from_string(text).map_err(|e| format!("not a minisign secret key: {e}"));
    match boxed()?.into_unencrypted_secret_key() {
        Ok(key) => Ok(key),
        Err(_) => match password {
            Some(p) if !p.is_empty() => boxed()?
                .into_secret_key(Some(p.to_string()))
                .map_err(|e| format!("the secret key cannot be opened: {e}")),
            _ => Err("the secret key is password-protected: give its password".into()),
        },
    }
}

/// The public key (base64 line) that goes with a secret key.
pub fn public_of(secret: &SecretKey) -> Result<String, String> {
    PublicKey::from_secret_key(secret).map(|k| k.to_base64()).map_err(|e| e.to_string())
}

/// The `.minisig` text for a dataset file's bytes, with its id and version signed in (the
/// extension refuses an update whose signed id or version does not fit), and that comment.
///
/// # Errors
/// A file that is not a valid dataset (then nothing is signed), or a failed signature.
pub fn sign_dataset(secret: &SecretKey, bytes: &[u8]) -> Result<(String, String), Vec<String>> {
    let text = std::str::from_utf8(bytes).map_err(|e| vec![e.to_string()])?;
    let dataset = Dataset::from_json(text).map_err(|e| vec![e.to_string()])?;
    let errors = crate::validate::errors(&dataset);
    if !errors.is_empty() {
        return Err(errors);
    }
    signature(secret, bytes, &dataset).map_err(|e| vec![e])
}

/// The `.minisig` text for `bytes`, the file of `dataset` (already checked), and its trusted comment.
pub fn signature(secret: &SecretKey, bytes: &[u8], dataset: &Dataset) -> Result<(String, String), String> {
    let comment = trusted_comment(dataset);
    let signature = minisign::sign(None, secret, bytes, Some(&comment), Some("signature from backstory"))
        .map_err(|e| format!("signing failed: {e}"))?;
    Ok((signature.into_string(), comment))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATASET: &str = include_str!("../../extension/data/default.json");

    #[test]
    fn a_protected_key_opens_only_with_its_password_and_signs_what_the_extension_accepts() {
        let pair = generate(Some("correct horse")).expect("a key pair");
        assert!(pair.secret.lines().nth(1).is_some_and(|l| !l.is_empty()));
        assert!(secret_key(&pair.secret, None).expect_err("needs the password").contains("password-protected"));
        assert!(secret_key(&pair.secret, Some("wrong")).is_err());
        let key = secret_key(&pair.secret, Some("correct horse")).expect("opens");
        assert_eq!(public_of(&key).expect("public"), pair.public_base64);
        let (signature, comment) = sign_dataset(&key, DATASET.as_bytes()).expect("signed");
        assert!(comment.starts_with("backstory-dataset id="));
        let checked = crate::update::verify_update_of(DATASET.as_bytes(), &signature, &pair.public_base64, 0, None);
        assert!(checked.is_ok(), "the extension accepts the signature");
    }

    #[test]
    fn an_unencrypted_key_needs_no_password_and_an_empty_one_is_refused() {
        let pair = generate(None).expect("a key pair");
        assert!(secret_key(&pair.secret, None).is_ok());
        assert!(generate(Some("")).is_err());
        assert!(sign_dataset(&secret_key(&pair.secret, None).expect("key"), b"{}").is_err());
    }
}
