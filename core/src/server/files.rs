//! Files between desk and server. A desk's path means nothing on the server (and taken as the
//! server's own path it would let a desk read or write anywhere on the server's disk), so every
//! file argument crosses as [`wire::FILE_ARGS`] says: uploaded in chunks before the command, or
//! written by the command into the server's staging folder and downloaded in chunks after it.

use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::wire::{self, FileArg};
use crate::api::camel_case;
use crate::error::{Error, Result};

/// `data_dir/server/transfer`: `up/<id>/<name>` and `down/<id>/<name>`. Emptied at every start
/// (a file only lives for one command).
#[derive(Clone)]
pub(crate) struct Staging {
    root: PathBuf,
}

/// What a command's file arguments became on the server: uploads to remove after the command,
/// and the file it writes for the desk.
#[derive(Default)]
pub(crate) struct Staged {
    uploads: Vec<PathBuf>,
    download: Option<(String, PathBuf)>,
}

impl Staging {
    pub fn new(data_dir: &Path) -> Result<Staging> {
        let root = data_dir.join(super::tls::SERVER_DIR).join("transfer");
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("up"))?;
        std::fs::create_dir_all(root.join("down"))?;
        Ok(Staging { root })
    }

    fn dir(&self, kind: &str, id: &str) -> Result<PathBuf> {
        if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::NotFound("文件"));
        }
        Ok(self.root.join(kind).join(id))
    }

    /// The one file in a staging folder.
    fn file_in(dir: &Path) -> Result<PathBuf> {
        let entry = std::fs::read_dir(dir).map_err(|_| Error::NotFound("文件"))?.next();
        Ok(entry.ok_or(Error::NotFound("文件"))??.path())
    }

    /// Appends one chunk to an upload (a new one when `id` is `None`); answers its id and size.
    /// A chunk sent again after a lost reply (same offset, already written) is accepted as is.
    pub fn upload_chunk(&self, id: Option<&str>, name: &str, offset: u64, chunk: &[u8]) -> Result<(String, u64)> {
        let (id, path) = match id {
            Some(id) => {
                let dir = self.dir("up", id)?;
                (id.to_owned(), Self::file_in(&dir)?)
            }
            None => {
                let id = super::session::random_hex(16)?;
                let dir = self.root.join("up").join(&id);
                std::fs::create_dir_all(&dir)?;
                (id, dir.join(wire::file_name_of(name)))
            }
        };
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path)?;
        let size = file.metadata()?.len();
        let end = offset + chunk.len() as u64;
        if end > wire::MAX_UPLOAD {
            let _ = std::fs::remove_dir_all(path.parent().unwrap_or(&path));
            return Err(Error::validation(
                "file",
                format!(
                    "文件“{}”太大,上传到公司服务器的文件不能超过 {} MB",
                    wire::file_name_of(name),
                    wire::MAX_UPLOAD >> 20
                ),
            ));
        }
        if size == offset {
            file.write_all(chunk)?;
        } else if size != end {
            return Err(Error::validation(
                "file",
                format!("上传中断后位置不一致(已有 {size} 字节,本段从 {offset} 开始),请重新上传"),
            ));
        }
        Ok((id, end))
    }

    /// One chunk of a download from `offset`, and the file's size. The last chunk removes it.
    pub fn download_chunk(&self, id: &str, offset: u64) -> Result<(Vec<u8>, u64)> {
        let dir = self.dir("down", id)?;
        let path = Self::file_in(&dir)?;
        let mut file = std::fs::File::open(&path)?;
        let size = file.metadata()?.len();
        file.seek(SeekFrom::Start(offset.min(size)))?;
        let mut chunk = Vec::with_capacity(wire::CHUNK.min((size - offset.min(size)) as usize));
        (&mut file).take(wire::CHUNK as u64).read_to_end(&mut chunk)?;
        if offset + chunk.len() as u64 >= size {
            drop(file);
            let _ = std::fs::remove_dir_all(&dir);
        }
        Ok((chunk, size))
    }

    /// Rewrites the file arguments of `command` in `args` to the server's own files.
    pub fn prepare(&self, command: &str, args: &mut Value) -> Result<Staged> {
        let mut staged = Staged::default();
        for (arg, how) in wire::file_args(command) {
            let key = [camel_case(arg), arg.to_owned()].into_iter().find(|k| args.get(k).is_some());
            let Some(value) = key.and_then(|k| args.get_mut(k)) else { continue };
            match how {
                FileArg::Echo => {}
                FileArg::ServerOnly => {
                    return Err(Error::Forbidden(
                        "公司服务器的数据库由服务器按计划自动备份(系统设置里的备份时间和保留份数),不能从工位备份"
                            .into(),
                    ));
                }
                FileArg::Upload => {
                    let mut one = |v: &mut Value| -> Result<()> {
                        let id = v.as_str().and_then(|t| t.strip_prefix(wire::UPLOADED)).ok_or_else(|| {
                            Error::validation("file", "文件须由桌面程序上传到公司服务器(请更新桌面程序)")
                        })?;
                        let path = Self::file_in(&self.dir("up", id)?)?;
                        staged.uploads.push(path.parent().unwrap_or(&path).to_path_buf());
                        *v = Value::String(path.display().to_string());
                        Ok(())
                    };
                    match value {
                        Value::Array(list) => list.iter_mut().try_for_each(&mut one)?,
                        Value::Null => {}
                        v => one(v)?,
                    }
                }
                FileArg::Download => {
                    let name = wire::file_name_of(value.as_str().unwrap_or_default());
                    let id = super::session::random_hex(16)?;
                    let dir = self.root.join("down").join(&id);
                    std::fs::create_dir_all(&dir)?;
                    let path = dir.join(name);
                    *value = Value::String(path.display().to_string());
                    staged.download = Some((id, dir));
                }
            }
        }
        Ok(staged)
    }
}

impl Staged {
    /// After the command: uploads are removed; the written file stays for the desk to fetch
    /// (its id), unless the command failed or wrote nothing.
    pub fn finish(self, succeeded: bool) -> Option<String> {
        for dir in &self.uploads {
            let _ = std::fs::remove_dir_all(dir);
        }
        let (id, dir) = self.download?;
        let written = Staging::file_in(&dir).is_ok();
        if succeeded && written {
            Some(id)
        } else {
            let _ = std::fs::remove_dir_all(&dir);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_append_in_order_and_a_repeated_chunk_is_accepted_once() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        let (id, size) = staging.upload_chunk(None, "C:\\桌面\\照片.jpg", 0, b"abc").unwrap();
        assert_eq!(size, 3);
        assert_eq!(staging.upload_chunk(Some(&id), "", 3, b"de").unwrap().1, 5);
        assert_eq!(staging.upload_chunk(Some(&id), "", 3, b"de").unwrap().1, 5, "a retried chunk");
        assert!(staging.upload_chunk(Some(&id), "", 9, b"x").is_err(), "a gap");

        let mut args = serde_json::json!({ "paths": [format!("upload:{id}")] });
        let staged = staging.prepare("attachment_add", &mut args).unwrap();
        let path = PathBuf::from(args["paths"][0].as_str().unwrap());
        assert_eq!(path.file_name().unwrap(), "照片.jpg");
        assert_eq!(std::fs::read(&path).unwrap(), b"abcde");
        assert_eq!(staged.finish(true), None);
        assert!(!path.exists(), "uploads live for one command");
    }

    #[test]
    fn a_desk_path_is_never_taken_as_the_servers_own() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        let mut args = serde_json::json!({ "path": "/etc/passwd" });
        let err = staging.prepare("customer_import", &mut args).err().unwrap();
        assert_eq!(err.field(), Some("file"));
        let mut args = serde_json::json!({ "path": "/tmp/backup.db" });
        assert_eq!(staging.prepare("system_backup", &mut args).err().unwrap().code(), "forbidden");

        let mut args = serde_json::json!({ "path": "D:\\导出\\客户.xlsx", "template": true });
        let staged = staging.prepare("customer_export", &mut args).unwrap();
        let path = PathBuf::from(args["path"].as_str().unwrap());
        assert!(path.starts_with(dir.path()) && path.ends_with("客户.xlsx"), "{}", path.display());
        std::fs::write(&path, vec![7u8; wire::CHUNK + 10]).unwrap();
        let id = staged.finish(true).expect("the written file is kept for the desk");
        let (first, size) = staging.download_chunk(&id, 0).unwrap();
        assert_eq!((first.len(), size), (wire::CHUNK, wire::CHUNK as u64 + 10));
        let (last, _) = staging.download_chunk(&id, wire::CHUNK as u64).unwrap();
        assert_eq!(last.len(), 10);
        assert!(staging.download_chunk(&id, 0).is_err(), "removed after its last chunk");
    }
}
