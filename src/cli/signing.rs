//! `backstory keygen`, `sign` and `verify`: Ed25519 signatures in the minisign format, so
//! organizers may use the minisign tool instead, with the dataset id and version signed in.

use std::path::Path;

use minisign::PublicKeyBox;

use crate::dataset::Dataset;
use crate::organizer::keys;
use crate::update::verify_update_of;

/// Where `sign` reads the password of a password-protected secret key.
pub const PASSWORD_VAR: &str = "BACKSTORY_KEY_PASSWORD";

/// Writes `<dir>/backstory.key` (secret, unencrypted: keep it offline) and `<dir>/backstory.pub`.
/// Refuses to overwrite an existing key.
pub fn keygen(dir: &str, json: bool) -> Result<u8, String> {
    let dir = Path::new(dir);
    let (secret_path, public_path) = (dir.join("backstory.key"), dir.join("backstory.pub"));
    if secret_path.exists() || public_path.exists() {
        return Err(format!("{}: a key already exists; move it away first", dir.display()));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let pair = keys::generate(None)?;
    let (secret, public) = (pair.secret, pair.public);
    // Each file appears whole or not at all (src/cli/atomic.rs); a half-made pair is taken back,
    // since the next keygen would refuse to replace it.
    super::atomic::write_new_private(&secret_path, secret.as_bytes())?;
    if let Err(e) = super::atomic::write_new_private(&public_path, public.as_bytes()) {
        let _ = std::fs::remove_file(&secret_path);
        return Err(e);
    }
    set_public(&public_path);
    if json {
        let report = serde_json::json!({"secret_key": secret_path, "public_key": public_path, "public_key_base64": pair.public_base64});
        println!("{report}");
    } else {
        println!("secret key: {} (keep it offline; anyone holding it can publish updates)", secret_path.display());
        println!("public key: {}", public_path.display());
        println!("{}", pair.public_base64);
    }
    Ok(0)
}

/// Signs a dataset after validating it; writes `<dataset>.minisig`.
pub fn sign(key: &str, dataset_path: &str, json: bool) -> Result<u8, String> {
    let bytes = std::fs::read(dataset_path).map_err(|e| format!("{dataset_path}: {e}"))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| format!("{dataset_path}: {e}"))?;
    let dataset = Dataset::from_json(text).map_err(|e| format!("{dataset_path}: {e}"))?;
    let errors = crate::validate::errors(&dataset);
    if !errors.is_empty() {
        eprintln!("{dataset_path}: not signed, the dataset has errors:\n{}", errors.join("\n"));
        if json {
            println!("{}", serde_json::json!({"file": dataset_path, "signed": false, "errors": errors}));
        }
        return Ok(1);
    }
    super::size::warn_update_size(dataset_path, bytes.len());
    let secret_text = std::fs::read_to_string(key).map_err(|e| format!("{key}: {e}"))?;
    // A password-protected key (the Studio makes those) opens with the password in the environment,
    // never on the command line, where other users' `ps` would see it.
    let password = std::env::var(PASSWORD_VAR).ok();
    let secret = keys::secret_key(&secret_text, password.as_deref()).map_err(|e| {
        if password.is_none() && e.contains("password-protected") {
            format!("{key}: {e} in the {PASSWORD_VAR} environment variable")
        } else {
            format!("{key}: {e}")
        }
    })?;
    let (signature, comment) = keys::signature(&secret, &bytes, &dataset)?;
    let out = format!("{dataset_path}.minisig");
    super::atomic::write_file(&out, signature.as_bytes())?;
    if json {
        println!(
            "{}",
            serde_json::json!({"file": dataset_path, "signed": true, "signature": out, "trusted_comment": comment})
        );
    } else {
        println!("{out}: signed {comment}");
    }
    Ok(0)
}

/// Verifies a dataset and its signature as the extension would, against `current` version.
/// With `dataset_id`, only that list is accepted, as a packed extension pins it.
pub fn verify(
    public_key: &str,
    dataset_path: &str,
    signature: Option<&str>,
    current: u64,
    dataset_id: Option<&str>,
    json: bool,
) -> Result<u8, String> {
    let bytes = std::fs::read(dataset_path).map_err(|e| format!("{dataset_path}: {e}"))?;
    let sig_path = signature.map_or_else(|| format!("{dataset_path}.minisig"), str::to_string);
    let sig = std::fs::read_to_string(&sig_path).map_err(|e| format!("{sig_path}: {e}"))?;
    let key_text = std::fs::read_to_string(public_key).map_err(|e| format!("{public_key}: {e}"))?;
    // Accept a `.pub` file or a file holding only the base64 key line.
    let key_text = PublicKeyBox::from_string(&key_text)
        .and_then(|b| b.into_public_key())
        .map(|k| k.to_base64())
        .unwrap_or(key_text);
    match verify_update_of(&bytes, &sig, &key_text, current, dataset_id) {
        Ok(d) => {
            if json {
                println!("{}", serde_json::json!({"file": dataset_path, "ok": true, "id": d.id, "version": d.version}));
            } else {
                println!("{dataset_path}: good signature, {} version {}", d.id, d.version);
            }
            Ok(0)
        }
        Err(e) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({"file": dataset_path, "ok": false, "code": e.code(), "reason": e.to_string()})
                );
            } else {
                println!("{dataset_path}: refused: {e}");
            }
            Ok(1)
        }
    }
}

/// The public key is meant to be shared: readable by all (the temporary file was owner-only).
#[cfg(unix)]
fn set_public(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // Best effort: owner-only is still a working public key file.
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn set_public(_: &Path) {}
