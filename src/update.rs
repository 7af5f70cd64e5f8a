//! Signed dataset updates: a minisign signature over the dataset file, with the dataset's id and
//! version inside the signed trusted comment, checked before anything is swapped in.
//!
//! An update is accepted only if, in this order: it is not larger than the cap; the signature
//! verifies against the pinned public key; the trusted comment names the same id and version as
//! the file; the id is the one the extension was built with, when it pins one (another list signed
//! with the same key must not replace it, nor block its versions with a higher number); that
//! version is above the one in use (no downgrades, no replays); and the dataset validates as a
//! whole. Any failure leaves the caller's current dataset in place.

use minisign_verify::{PublicKey, Signature};

use crate::dataset::Dataset;
use crate::validate::{validate, Problem, Severity};

/// Largest dataset file an update may carry.
pub const MAX_UPDATE_BYTES: usize = 5 * 1024 * 1024;

/// Why an update was refused. Each has its own plain-words message for options.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateError {
    TooLarge {
        bytes: usize,
    },
    BadPublicKey,
    BadSignatureFormat,
    SignatureMismatch,
    /// The trusted comment lacks `id=` or `version=`.
    UnsignedVersion,
    /// The signed id or version differs from the file's.
    SignedMismatch {
        signed: String,
        file: String,
    },
    /// A correctly signed dataset, but of another list than the pinned one.
    OtherList {
        expected: String,
        offered: String,
    },
    Downgrade {
        offered: u64,
        current: u64,
    },
    Parse(crate::dataset::ParseError),
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for UpdateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpdateError::TooLarge { bytes } => {
                write!(f, "the update is {bytes} bytes, over the {MAX_UPDATE_BYTES}-byte limit")
            }
            UpdateError::BadPublicKey => write!(f, "the pinned public key is not a minisign public key"),
            UpdateError::BadSignatureFormat => write!(f, "the signature file is not a minisign signature"),
            UpdateError::SignatureMismatch => write!(f, "the signature does not match the dataset and the pinned key"),
            UpdateError::UnsignedVersion => {
                write!(f, "the signature's trusted comment does not state the dataset id and version")
            }
            UpdateError::SignedMismatch { signed, file } => {
                write!(f, "the signature is for {signed}, but the file is {file}")
            }
            UpdateError::OtherList { expected, offered } => {
                write!(f, "the update is the list {offered:?}, but this extension takes only updates of {expected:?}")
            }
            UpdateError::Downgrade { offered, current } => {
                write!(f, "the update has version {offered}, not newer than version {current} in use")
            }
            UpdateError::Parse(e) => write!(f, "the dataset is not valid JSON for format v1: {e}"),
            UpdateError::Invalid(problems) => {
                let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
                write!(f, "the dataset has {errors} error(s); the first: {}", problems[0])
            }
        }
    }
}

impl std::error::Error for UpdateError {}

impl UpdateError {
    /// A stable code for each reason, for status displays and tests.
    pub fn code(&self) -> &'static str {
        match self {
            UpdateError::TooLarge { .. } => "too-large",
            UpdateError::BadPublicKey => "bad-key",
            UpdateError::BadSignatureFormat => "bad-signature-format",
            UpdateError::SignatureMismatch => "signature-mismatch",
            UpdateError::UnsignedVersion => "unsigned-version",
            UpdateError::SignedMismatch { .. } => "signed-mismatch",
            UpdateError::OtherList { .. } => "other-list",
            UpdateError::Downgrade { .. } => "not-newer",
            UpdateError::Parse(_) => "malformed",
            UpdateError::Invalid(_) => "invalid",
        }
    }
}

/// The trusted comment `sign` writes: `backstory-dataset id=<id> version=<version>`.
pub fn trusted_comment(dataset: &Dataset) -> String {
    format!("backstory-dataset id={} version={}", dataset.id, dataset.version)
}

/// The (id, version) a trusted comment states.
fn signed_identity(comment: &str) -> Option<(String, u64)> {
    let mut id = None;
    let mut version = None;
    for token in comment.split_whitespace() {
        if let Some(v) = token.strip_prefix("id=") {
            id = Some(v.to_string());
        } else if let Some(v) = token.strip_prefix("version=") {
            version = v.parse().ok();
        }
    }
    Some((id?, version?))
}

/// Checks a signed update; returns the dataset to swap in.
///
/// `public_key` is the base64 key line (or the whole `.pub` file); `signature` the `.minisig` text.
///
/// # Errors
/// The first reason, in the order of the module docs, that the update must be refused.
pub fn verify_update(
    file: &[u8],
    signature: &str,
    public_key: &str,
    current_version: u64,
) -> Result<Dataset, UpdateError> {
    verify_update_of(file, signature, public_key, current_version, None)
}

/// [`verify_update`] pinned to one list: with `expected_id`, a dataset with another id is refused
/// even when the pinned key signed it.
///
/// # Errors
/// As [`verify_update`], and [`UpdateError::OtherList`].
pub fn verify_update_of(
    file: &[u8],
    signature: &str,
    public_key: &str,
    current_version: u64,
    expected_id: Option<&str>,
) -> Result<Dataset, UpdateError> {
    if file.len() > MAX_UPDATE_BYTES {
        return Err(UpdateError::TooLarge { bytes: file.len() });
    }
    let key = parse_public_key(public_key)?;
    let sig = Signature::decode(signature.trim()).map_err(|_| UpdateError::BadSignatureFormat)?;
    key.verify(file, &sig, false).map_err(|_| UpdateError::SignatureMismatch)?;
    let (signed_id, signed_version) = signed_identity(sig.trusted_comment()).ok_or(UpdateError::UnsignedVersion)?;
    let text = std::str::from_utf8(file).map_err(|e| {
        UpdateError::Parse(crate::dataset::ParseError { path: "$".into(), message: e.to_string(), line: 1, column: 1 })
    })?;
    let dataset = Dataset::from_json(text).map_err(UpdateError::Parse)?;
    if signed_id != dataset.id || signed_version != dataset.version {
        return Err(UpdateError::SignedMismatch {
            signed: format!("{signed_id} version {signed_version}"),
            file: format!("{} version {}", dataset.id, dataset.version),
        });
    }
    if let Some(expected) = expected_id.filter(|e| *e != dataset.id) {
        return Err(UpdateError::OtherList { expected: expected.to_string(), offered: dataset.id });
    }
    if dataset.version <= current_version {
        return Err(UpdateError::Downgrade { offered: dataset.version, current: current_version });
    }
    let problems = validate(&dataset);
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(UpdateError::Invalid(problems));
    }
    Ok(dataset)
}

/// Accepts the bare base64 key or a whole `minisign.pub` file (comment line + key line).
pub fn parse_public_key(text: &str) -> Result<PublicKey, UpdateError> {
    let text = text.trim();
    let parsed = if text.contains('\n') { PublicKey::decode(text) } else { PublicKey::from_base64(text) };
    parsed.map_err(|_| UpdateError::BadPublicKey)
}
