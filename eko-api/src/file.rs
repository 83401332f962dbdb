//! Files sent as parts of a multipart request.

use bytes::Bytes;
use std::fmt;

/// One file for a multipart upload (e.g. a KYC document).
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    /// File name sent in the part's `Content-Disposition`.
    pub file_name: String,
    /// MIME type, e.g. `image/jpeg` or `application/pdf`.
    pub content_type: String,
    /// The file's bytes.
    pub bytes: Bytes,
}

impl FilePart {
    /// A file part from its name, MIME type and contents.
    pub fn new(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        FilePart {
            file_name: file_name.into(),
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }
}

/// Shows name, type and size only: document contents are personal data.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}
