//! Signed dataset updates: every way an update must be refused, and the one way it is accepted.

use backstory::update::{trusted_comment, verify_update, verify_update_of, UpdateError, MAX_UPDATE_BYTES};
use backstory::Dataset;
use minisign::KeyPair;

const BUNDLED: &str = crate::common::DEFAULT_JSON;

fn dataset_with_version(version: u64) -> (Dataset, String) {
    let mut d = Dataset::from_json(BUNDLED).expect("bundled dataset parses");
    d.version = version;
    let json = serde_json::to_string_pretty(&d).expect("serializes");
    (d, json)
}

fn sign_with(pair: &KeyPair, bytes: &[u8], comment: &str) -> String {
    minisign::sign(None, &pair.sk, bytes, Some(comment), None).expect("signs").into_string()
}

fn signed(version: u64) -> (KeyPair, String, String) {
    let pair = KeyPair::generate_unencrypted_keypair().expect("key pair");
    let (d, json) = dataset_with_version(version);
    let sig = sign_with(&pair, json.as_bytes(), &trusted_comment(&d));
    (pair, json, sig)
}

#[test]
fn a_newer_correctly_signed_dataset_is_accepted() {
    let (pair, json, sig) = signed(7);
    let d = verify_update(json.as_bytes(), &sig, &pair.pk.to_base64(), 6).expect("accepted");
    assert_eq!(d.version, 7);
}

#[test]
fn the_whole_public_key_file_is_accepted_too() {
    let (pair, json, sig) = signed(7);
    let file = pair.pk.to_box().expect("box").into_string();
    assert!(verify_update(json.as_bytes(), &sig, &file, 6).is_ok());
}

#[test]
fn a_tampered_file_is_refused() {
    let (pair, json, sig) = signed(7);
    let tampered = json.replace("Seattle", "Tacoma");
    assert_eq!(verify_update(tampered.as_bytes(), &sig, &pair.pk.to_base64(), 6), Err(UpdateError::SignatureMismatch));
}

#[test]
fn another_key_is_refused() {
    let (_, json, sig) = signed(7);
    let stranger = KeyPair::generate_unencrypted_keypair().expect("key pair");
    assert_eq!(verify_update(json.as_bytes(), &sig, &stranger.pk.to_base64(), 6), Err(UpdateError::SignatureMismatch));
}

#[test]
fn same_or_older_versions_are_refused() {
    let (pair, json, sig) = signed(7);
    for current in [7, 8] {
        assert_eq!(
            verify_update(json.as_bytes(), &sig, &pair.pk.to_base64(), current),
            Err(UpdateError::Downgrade { offered: 7, current })
        );
    }
}

#[test]
fn a_signature_for_another_version_is_refused() {
    // An attacker replays an old signed comment over a file claiming a higher version.
    let pair = KeyPair::generate_unencrypted_keypair().expect("key pair");
    let (_, json) = dataset_with_version(9);
    let sig = sign_with(&pair, json.as_bytes(), "backstory-dataset id=backstory-default version=3");
    assert!(matches!(
        verify_update(json.as_bytes(), &sig, &pair.pk.to_base64(), 1),
        Err(UpdateError::SignedMismatch { .. })
    ));
}

#[test]
fn a_comment_without_version_is_refused() {
    let pair = KeyPair::generate_unencrypted_keypair().expect("key pair");
    let (_, json) = dataset_with_version(9);
    let sig = sign_with(&pair, json.as_bytes(), "timestamp:1700000000");
    assert_eq!(verify_update(json.as_bytes(), &sig, &pair.pk.to_base64(), 1), Err(UpdateError::UnsignedVersion));
}

#[test]
fn oversized_files_are_refused_before_any_work() {
    let big = vec![b' '; MAX_UPDATE_BYTES + 1];
    assert_eq!(verify_update(&big, "", "", 0), Err(UpdateError::TooLarge { bytes: MAX_UPDATE_BYTES + 1 }));
}

#[test]
fn malformed_signature_and_key_are_refused() {
    let (pair, json, sig) = signed(7);
    assert_eq!(
        verify_update(json.as_bytes(), "<html>502</html>", &pair.pk.to_base64(), 6),
        Err(UpdateError::BadSignatureFormat)
    );
    assert_eq!(verify_update(json.as_bytes(), &sig, "not a key", 6), Err(UpdateError::BadPublicKey));
}

#[test]
fn signed_but_malformed_or_invalid_datasets_are_refused() {
    let pair = KeyPair::generate_unencrypted_keypair().expect("key pair");
    let html = b"<!doctype html><title>Error</title>";
    let sig = sign_with(&pair, html, "backstory-dataset id=x version=9");
    assert!(matches!(verify_update(html, &sig, &pair.pk.to_base64(), 1), Err(UpdateError::Parse(_))));

    let (mut d, _) = dataset_with_version(9);
    d.companies[0].categories.push("no-such-category".into());
    let json = serde_json::to_string(&d).expect("json");
    let sig = sign_with(&pair, json.as_bytes(), &trusted_comment(&d));
    assert!(matches!(verify_update(json.as_bytes(), &sig, &pair.pk.to_base64(), 1), Err(UpdateError::Invalid(_))));
}

#[test]
fn another_list_signed_with_the_pinned_key_is_refused() {
    // Issue 20: a dataset with another id was applied, and its version 50 then blocked the
    // campaign's own versions up to 50.
    let pair = KeyPair::generate_unencrypted_keypair().expect("key pair");
    let (mut d, _) = dataset_with_version(50);
    d.id = "another-list".into();
    let json = serde_json::to_string(&d).expect("json");
    let sig = sign_with(&pair, json.as_bytes(), &trusted_comment(&d));
    let key = pair.pk.to_base64();
    assert_eq!(
        verify_update_of(json.as_bytes(), &sig, &key, 1, Some("backstory-default")),
        Err(UpdateError::OtherList { expected: "backstory-default".into(), offered: "another-list".into() })
    );
    assert!(verify_update_of(json.as_bytes(), &sig, &key, 1, Some("another-list")).is_ok(), "its own list is accepted");
}
