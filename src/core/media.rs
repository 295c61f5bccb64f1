//! Public media URLs, shared by the server (which stores the files) and the pages (which
//! show them).

/// Where public files are served: `/media/{path}` serves the storage key `public/{path}`.
pub const MEDIA_PREFIX: &str = "/media/";

/// Bytes per uploaded image file (photos, portfolio images), for the pages' checks before
/// upload; the server enforces `server::images::MAX_UPLOAD_BYTES`, and a test keeps the
/// two equal.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;

/// The thumbnail stored beside a portfolio image (`…/{id}.jpg` → `…/{id}_thumb.jpg`).
/// A URL that is not a stored JPEG is returned unchanged, so a page always has
/// something to show.
pub fn thumb_url(file_url: &str) -> String {
    match file_url.strip_suffix(".jpg") {
        Some(stem) if file_url.starts_with(MEDIA_PREFIX) && !stem.ends_with("_thumb") => {
            format!("{stem}_thumb.jpg")
        }
        _ => file_url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::thumb_url;

    #[test]
    fn thumbs_sit_beside_their_images() {
        assert_eq!(
            thumb_url("/media/portfolio/p/i.jpg"),
            "/media/portfolio/p/i_thumb.jpg"
        );
        assert_eq!(
            thumb_url("/media/portfolio/p/i_thumb.jpg"),
            "/media/portfolio/p/i_thumb.jpg"
        );
        assert_eq!(thumb_url("/images/logo.png"), "/images/logo.png");
    }
}
