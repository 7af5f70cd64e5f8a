//! Fuzz target: `verify_update` with arbitrary bytes, both as a forged signature (anything may be
//! malformed) and signed with a real key, so that parsing and validation after the signature
//! check are reached too. It must never panic, and never accept what it should refuse.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use backstory::update::verify_update;
use libfuzzer_sys::fuzz_target;
use minisign::KeyPair;

#[derive(Arbitrary, Debug)]
enum Input<'a> {
    /// Everything from the input: key, signature and file.
    Forged { file: &'a [u8], signature: &'a str, public_key: &'a str, current: u64 },
    /// A genuine signature over the input's file and trusted comment.
    Signed { file: &'a [u8], comment: &'a str, current: u64 },
}

fn key_pair() -> &'static KeyPair {
    static PAIR: OnceLock<KeyPair> = OnceLock::new();
    PAIR.get_or_init(|| KeyPair::generate_unencrypted_keypair().expect("key pair"))
}

fuzz_target!(|input: Input| match input {
    Input::Forged { file, signature, public_key, current } => {
        // No secret key signed this, so acceptance would mean the signature check was bypassed.
        let key = key_pair().pk.to_base64();
        assert!(verify_update(file, signature, &key, current).is_err(), "accepted a forged signature");
        let _ = verify_update(file, signature, public_key, current);
    }
    Input::Signed { file, comment, current } => {
        // minisign refuses comments with line breaks; such inputs test nothing new.
        let Ok(sig) = minisign::sign(None, &key_pair().sk, file, Some(comment), None) else { return };
        if let Ok(d) = verify_update(file, &sig.into_string(), &key_pair().pk.to_base64(), current) {
            assert!(d.version > current, "accepted a downgrade");
            assert!(comment.contains(&format!("version={}", d.version)), "accepted an unsigned version");
            assert!(comment.contains(&format!("id={}", d.id)), "accepted an unsigned id");
        }
    }
});
