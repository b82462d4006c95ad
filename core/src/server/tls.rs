//! The company certificate (generated once, kept in the data folder) and the data folder's lock.

use std::fs::{File, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Where the server keeps its certificate and key (inside the data folder).
pub const SERVER_DIR: &str = "server";
const CERT_FILE: &str = "company-cert.pem";
const KEY_FILE: &str = "company-key.pem";
const LOCK_FILE: &str = "server.lock";

/// The names the certificate is issued for. Desks trust it by its pinned fingerprint, never by
/// name, so these only matter to tools that look.
const NAMES: &[&str] = &["shouhou-server", "localhost"];

/// The server's certificate and private key.
pub struct Identity {
    pub cert: CertificateDer<'static>,
    pub key: PrivateKeyDer<'static>,
    /// SHA-256 of the certificate, as the desk shows it: `AB:12:…` (32 pairs).
    pub fingerprint: String,
    /// True when this start generated it.
    pub created: bool,
}

/// Loads the company certificate from `data_dir/server/`, generating it on the first start.
pub fn load_or_create(data_dir: &Path) -> Result<Identity> {
    let dir = data_dir.join(SERVER_DIR);
    let (cert_path, key_path) = (dir.join(CERT_FILE), dir.join(KEY_FILE));
    let created = !cert_path.exists() || !key_path.exists();
    if created {
        std::fs::create_dir_all(&dir)?;
        let names: Vec<String> = NAMES.iter().map(|n| (*n).to_owned()).collect();
        let generated =
            rcgen::generate_simple_self_signed(names).map_err(|e| Error::Internal(format!("生成公司证书失败: {e}")))?;
        write_private(&key_path, generated.signing_key.serialize_pem().as_bytes())?;
        std::fs::write(&cert_path, generated.cert.pem())?;
    }
    let unreadable = |path: &PathBuf, e: rustls::pki_types::pem::Error| {
        Error::Corrupt(format!("公司证书文件 {} 无法读取: {e}", path.display()))
    };
    let cert = CertificateDer::from_pem_file(&cert_path).map_err(|e| unreadable(&cert_path, e))?;
    let key = PrivateKeyDer::from_pem_file(&key_path).map_err(|e| unreadable(&key_path, e))?;
    let fingerprint = fingerprint(&cert);
    Ok(Identity { cert, key, fingerprint, created })
}

/// The key file is readable by the server's account only (on Unix; on Windows the data folder's
/// permissions apply).
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)?;
    Ok(())
}

/// SHA-256 of a DER certificate as upper-case hex pairs joined by colons.
pub fn fingerprint(cert_der: &[u8]) -> String {
    Sha256::digest(cert_der).iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// A fingerprint as typed or pasted by a person: case, colons and spaces do not matter.
pub fn normalize_fingerprint(text: &str) -> String {
    text.chars().filter(char::is_ascii_hexdigit).map(|c| c.to_ascii_uppercase()).collect()
}

/// One server per data folder: an OS file lock (`flock` on Unix, `LockFileEx` on Windows, via
/// `std::fs::File::try_lock`) on `data_dir/server/server.lock`, held while the server runs and
/// released by the OS if the process dies.
pub struct DataLock {
    _file: File,
}

pub fn lock_data_dir(data_dir: &Path) -> Result<DataLock> {
    let dir = data_dir.join(SERVER_DIR);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(LOCK_FILE);
    let mut file = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0)?;
            writeln!(file, "{}", std::process::id())?;
            Ok(DataLock { _file: file })
        }
        Err(TryLockError::WouldBlock) => Err(Error::validation(
            "data_dir",
            format!(
                "数据目录 {} 已由另一个 shouhou serve 使用(锁文件 {}),同一数据目录只能运行一个服务器",
                data_dir.display(),
                path.display()
            ),
        )),
        Err(TryLockError::Error(e)) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_certificate_is_made_once_and_its_fingerprint_is_stable() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(dir.path()).unwrap();
        assert!(first.created);
        assert_eq!(first.fingerprint.len(), 32 * 3 - 1);
        let again = load_or_create(dir.path()).unwrap();
        assert!(!again.created);
        assert_eq!(first.fingerprint, again.fingerprint);
        assert_eq!(normalize_fingerprint(&first.fingerprint.to_lowercase().replace(':', " ")).len(), 64);
    }

    #[test]
    fn a_second_lock_on_the_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock_data_dir(dir.path()).unwrap();
        let err = lock_data_dir(dir.path()).err().expect("second lock refused");
        assert_eq!(err.field(), Some("data_dir"));
        drop(held);
        lock_data_dir(dir.path()).unwrap();
    }
}
