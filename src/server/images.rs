//! Uploaded images: checked by content (never by name or declared type), decoded within
//! limits so a decompression bomb is refused, turned upright from the EXIF orientation,
//! then re-encoded as JPEG. Re-encoding writes pixels only, so EXIF (GPS position, camera
//! serial numbers), XMP and ICC data never reach storage.
use crate::core::{AppError, AppResult};
use image::{
    imageops::FilterType, metadata::Orientation, DynamicImage, ImageDecoder, ImageError,
    ImageFormat, ImageReader, Limits, RgbImage,
};
use std::io::Cursor;
use tokio::sync::Semaphore;

/// The largest upload accepted for an image or a PDF.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// The largest width or height decoded.
pub const MAX_DIMENSION: u32 = 8000;
/// The decoder's allocation budget: an 8000 × 8000 RGBA image fits, a 16-bit one does not.
const MAX_DECODE_ALLOC: u64 = 256 * 1024 * 1024;
/// The long side of a stored image.
pub const FULL_MAX_SIDE: u32 = 2000;
/// Thumbnails fit inside this square.
pub const THUMB_MAX_SIDE: u32 = 480;
pub const AVATAR_SIDE: u32 = 400;
const JPEG_QUALITY: u8 = 85;

/// Decoding a large image takes a few hundred megabytes for a moment; this bounds how
/// many run at once, so a burst of uploads cannot exhaust memory or every core.
static DECODE_PERMITS: Semaphore = Semaphore::const_new(2);

/// A JPEG ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jpeg {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// A stored-size image and its thumbnail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    pub full: Jpeg,
    pub thumb: Jpeg,
}

/// What an upload is, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl FileKind {
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            return Some(Self::Pdf);
        }
        match infer::get(bytes)?.mime_type() {
            "image/jpeg" => Some(Self::Jpeg),
            "image/png" => Some(Self::Png),
            "image/webp" => Some(Self::Webp),
            _ => None,
        }
    }

    pub fn is_image(self) -> bool {
        !matches!(self, Self::Pdf)
    }

    fn image_format(self) -> Option<ImageFormat> {
        match self {
            Self::Jpeg => Some(ImageFormat::Jpeg),
            Self::Png => Some(ImageFormat::Png),
            Self::Webp => Some(ImageFormat::WebP),
            Self::Pdf => None,
        }
    }
}

pub fn too_large(max_bytes: usize) -> AppError {
    AppError::field(
        "file",
        format!(
            "The file is larger than {} MB. Please choose a smaller one.",
            max_bytes / (1024 * 1024)
        ),
    )
}

fn not_an_image() -> AppError {
    AppError::field(
        "file",
        "This file is not a JPEG, PNG or WebP image. Please choose a photo in one of those formats.",
    )
}

fn unreadable() -> AppError {
    AppError::field(
        "file",
        "This image could not be read: it may be damaged or incomplete. Please choose another.",
    )
}

/// A portfolio-style image: at most [`FULL_MAX_SIDE`] on the long side, plus a
/// thumbnail that fits inside [`THUMB_MAX_SIDE`] × [`THUMB_MAX_SIDE`].
pub async fn process_image(bytes: &[u8]) -> AppResult<ProcessedImage> {
    let image = decode_checked(bytes).await?;
    run_blocking(move || {
        let full = fit_within(&image, FULL_MAX_SIDE);
        drop(image);
        let thumb = if full.width().max(full.height()) > THUMB_MAX_SIDE {
            full.resize(THUMB_MAX_SIDE, THUMB_MAX_SIDE, FilterType::Triangle)
        } else {
            full.clone()
        };
        Ok(ProcessedImage {
            full: encode_jpeg(full)?,
            thumb: encode_jpeg(thumb)?,
        })
    })
    .await
}

/// A profile photo: the centred square, [`AVATAR_SIDE`] pixels on each side.
pub async fn process_avatar(bytes: &[u8]) -> AppResult<Jpeg> {
    let image = decode_checked(bytes).await?;
    run_blocking(move || {
        let side = image.width().min(image.height());
        let square = image.crop_imm(
            (image.width() - side) / 2,
            (image.height() - side) / 2,
            side,
            side,
        );
        drop(image);
        encode_jpeg(square.resize_exact(AVATAR_SIDE, AVATAR_SIDE, FilterType::CatmullRom))
    })
    .await
}

/// Size and type checks, then the upright decoded image.
async fn decode_checked(bytes: &[u8]) -> AppResult<DynamicImage> {
    if bytes.is_empty() {
        return Err(AppError::field("file", "Choose a file to upload."));
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(too_large(MAX_UPLOAD_BYTES));
    }
    let format = FileKind::sniff(bytes)
        .and_then(FileKind::image_format)
        .ok_or_else(not_an_image)?;
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(unreadable());
    }
    let bytes = bytes.to_vec();
    run_blocking(move || decode(&bytes, format)).await
}

async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let _permit = DECODE_PERMITS.acquire().await.map_err(|err| {
        tracing::error!(error = %err, "image permits closed");
        AppError::internal()
    })?;
    tokio::task::spawn_blocking(work).await?
}

fn decode(bytes: &[u8], format: ImageFormat) -> AppResult<DynamicImage> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    // `into_decoder` checks the dimensions; the output buffer must fit the budget too.
    if decoder.total_bytes() > MAX_DECODE_ALLOC {
        return Err(too_many_pixels());
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn too_many_pixels() -> AppError {
    AppError::field(
        "file",
        format!(
            "This image is too large: at most {MAX_DIMENSION} × {MAX_DIMENSION} pixels, please."
        ),
    )
}

fn decode_error(err: ImageError) -> AppError {
    match err {
        ImageError::Limits(_) => too_many_pixels(),
        ImageError::Unsupported(_) => not_an_image(),
        ImageError::IoError(ref e) if e.kind() == std::io::ErrorKind::OutOfMemory => {
            too_many_pixels()
        }
        other => {
            tracing::info!(error = %other, "refused an image that does not decode");
            unreadable()
        }
    }
}

/// The JPEG decoder forgives truncated data (it fills the missing part with grey), so
/// an upload cut short would be stored as a half-grey photo. A complete JPEG has an
/// end-of-image marker after its first scan; markers inside the headers (an EXIF
/// thumbnail carries its own) are skipped by walking the segments.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut pos = 2; // after SOI
    while pos + 4 <= bytes.len() {
        if bytes[pos] != 0xFF {
            return false;
        }
        let marker = bytes[pos + 1];
        if marker == 0xFF {
            pos += 1; // fill byte
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
        let segment_end = pos + 2 + len;
        if marker == 0xDA {
            // Start of scan: entropy-coded data follows, where 0xFF is always stuffed
            // or a restart/next marker, so the end marker cannot appear by accident.
            return bytes
                .get(segment_end..)
                .is_some_and(|scan| scan.windows(2).any(|w| w == [0xFF, 0xD9]));
        }
        pos = segment_end;
    }
    false
}

/// Scales down (never up) to fit a `side` × `side` box, keeping the aspect ratio.
fn fit_within(image: &DynamicImage, side: u32) -> DynamicImage {
    if image.width().max(image.height()) > side {
        image.resize(side, side, FilterType::CatmullRom)
    } else {
        image.clone()
    }
}

/// JPEG has no transparency: transparent pixels become white, as they look on the page.
fn flatten_on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (src, dst) in rgba.pixels().zip(out.pixels_mut()) {
        let [r, g, b, a] = src.0;
        let a = u16::from(a);
        let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        dst.0 = [blend(r), blend(g), blend(b)];
    }
    out
}

fn encode_jpeg(image: DynamicImage) -> AppResult<Jpeg> {
    let rgb = flatten_on_white(image);
    let (width, height) = rgb.dimensions();
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|err| {
            tracing::error!(error = %err, "JPEG encoding failed");
            AppError::internal()
        })?;
    Ok(Jpeg {
        bytes,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;
    use image::{ImageEncoder, Rgb, Rgba, RgbaImage};

    const RED: [u8; 3] = [220, 20, 20];
    const BLUE: [u8; 3] = [20, 20, 220];

    /// Left half red, right half blue.
    fn two_tone(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, _| Rgb(if x < w / 2 { RED } else { BLUE }))
    }

    fn jpeg(image: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
            .encode_image(image)
            .unwrap();
        out
    }

    fn png(image: &DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    /// A little-endian EXIF block: orientation 6 (turn 90° clockwise to view) and a GPS
    /// IFD with a latitude, as a phone writes them.
    fn exif_app1() -> Vec<u8> {
        let mut t: Vec<u8> = b"II\x2a\x00".to_vec();
        t.extend(8u32.to_le_bytes());
        let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
            t.extend(tag.to_le_bytes());
            t.extend(kind.to_le_bytes());
            t.extend(count.to_le_bytes());
            t.extend(value);
        };
        // IFD0 at 8: two entries, ends at 38.
        t.extend(2u16.to_le_bytes());
        entry(&mut t, 0x0112, 3, 1, [6, 0, 0, 0]);
        entry(&mut t, 0x8825, 4, 1, 38u32.to_le_bytes());
        t.extend(0u32.to_le_bytes());
        // GPS IFD at 38: latitude reference and latitude (three rationals at 68).
        t.extend(2u16.to_le_bytes());
        entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
        entry(&mut t, 0x0002, 5, 3, 68u32.to_le_bytes());
        t.extend(0u32.to_le_bytes());
        for (num, den) in [(12u32, 1u32), (58, 1), (3000, 100)] {
            t.extend(num.to_le_bytes());
            t.extend(den.to_le_bytes());
        }
        let mut payload = b"Exif\0\0".to_vec();
        payload.extend(t);
        let mut segment = vec![0xFF, 0xE1];
        segment.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        segment.extend(payload);
        segment
    }

    fn with_exif(jpeg: &[u8]) -> Vec<u8> {
        let mut out = jpeg[..2].to_vec();
        out.extend(exif_app1());
        out.extend(&jpeg[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn pixel(jpeg: &Jpeg, x: u32, y: u32) -> [u8; 3] {
        image::load_from_memory(&jpeg.bytes)
            .unwrap()
            .to_rgb8()
            .get_pixel(x, y)
            .0
    }

    fn close_to(actual: [u8; 3], expected: [u8; 3]) -> bool {
        actual.iter().zip(expected).all(|(a, e)| a.abs_diff(e) < 40)
    }

    fn file_error(err: &AppError) -> String {
        assert!(err.is_validation(), "{err:?}");
        err.field_message("file").unwrap()
    }

    #[tokio::test]
    async fn exif_and_gps_are_dropped_and_the_photo_is_turned_upright() {
        let upload = with_exif(&jpeg(&two_tone(40, 20)));
        assert!(contains(&upload, b"Exif") && contains(&upload, b"N\0\0\0"));
        let out = process_image(&upload).await.unwrap();
        assert!(!contains(&out.full.bytes, b"Exif"));
        assert!(!contains(&out.thumb.bytes, b"Exif"));
        // Orientation 6: the 40 × 20 landscape is shown as a 20 × 40 portrait whose
        // left half (red) is now on top.
        assert_eq!((out.full.width, out.full.height), (20, 40));
        assert!(close_to(pixel(&out.full, 10, 5), RED));
        assert!(close_to(pixel(&out.full, 10, 34), BLUE));
        assert_eq!(out.full.bytes[..2], [0xFF, 0xD8]);
    }

    #[tokio::test]
    async fn large_images_are_scaled_and_get_a_thumbnail() {
        let out = process_image(&jpeg(&two_tone(3000, 1500))).await.unwrap();
        assert_eq!((out.full.width, out.full.height), (2000, 1000));
        assert_eq!((out.thumb.width, out.thumb.height), (480, 240));
        let decoded = image::load_from_memory(&out.thumb.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (480, 240));
        // Small images keep their size.
        let small = process_image(&jpeg(&two_tone(300, 200))).await.unwrap();
        assert_eq!((small.full.width, small.thumb.width), (300, 300));
    }

    #[tokio::test]
    async fn type_comes_from_content_and_transparency_becomes_white() {
        // A PNG (whatever its name says) with a transparent left half.
        let img = RgbaImage::from_fn(64, 32, |x, _| {
            Rgba(if x < 32 {
                [0, 0, 0, 0]
            } else {
                [20, 20, 220, 255]
            })
        });
        let out = process_image(&png(&DynamicImage::ImageRgba8(img)))
            .await
            .unwrap();
        assert_eq!(out.full.bytes[..2], [0xFF, 0xD8], "re-encoded as JPEG");
        assert!(close_to(pixel(&out.full, 5, 5), [255, 255, 255]));
        assert!(close_to(pixel(&out.full, 60, 5), BLUE));
        // WebP is accepted too.
        let mut webp = Vec::new();
        image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
            .write_image(
                two_tone(30, 10).as_raw(),
                30,
                10,
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        assert_eq!(process_image(&webp).await.unwrap().full.width, 30);
    }

    #[tokio::test]
    async fn avatars_are_centred_squares() {
        let out = process_avatar(&jpeg(&two_tone(600, 200))).await.unwrap();
        assert_eq!((out.width, out.height), (400, 400));
        // The centre square of a red|blue image straddles the middle.
        assert!(close_to(pixel(&out, 20, 200), RED));
        assert!(close_to(pixel(&out, 380, 200), BLUE));
    }

    #[tokio::test]
    async fn text_truncated_oversize_and_huge_images_are_refused() {
        let text = process_image(b"hello, this is not a photo")
            .await
            .unwrap_err();
        assert!(file_error(&text).contains("not a JPEG, PNG or WebP"));
        let pdf = process_image(b"%PDF-1.7 ...").await.unwrap_err();
        assert!(file_error(&pdf).contains("not a JPEG, PNG or WebP"));

        let full = jpeg(&two_tone(200, 100));
        let cut = process_image(&full[..full.len() / 2]).await.unwrap_err();
        assert!(file_error(&cut).contains("could not be read"));
        let png_full = png(&DynamicImage::ImageRgb8(two_tone(200, 100)));
        let png_cut = process_image(&png_full[..png_full.len() - 20])
            .await
            .unwrap_err();
        assert!(file_error(&png_cut).contains("could not be read"));

        let mut big = jpeg(&two_tone(8, 8));
        big.resize(MAX_UPLOAD_BYTES + 1, 0);
        let err = process_image(&big).await.unwrap_err();
        assert!(file_error(&err).contains("larger than 10 MB"));

        assert!(file_error(&process_image(b"").await.unwrap_err()).contains("Choose a file"));

        // A few hundred bytes that would decode to 9000 pixels wide.
        let bomb = png(&DynamicImage::ImageLuma8(image::GrayImage::new(9000, 1)));
        assert!(bomb.len() < 2000);
        let err = process_image(&bomb).await.unwrap_err();
        assert!(file_error(&err).contains("at most 8000"));
    }

    #[test]
    fn jpeg_completeness_skips_header_segments() {
        let full = with_exif(&jpeg(&two_tone(16, 16)));
        assert!(jpeg_is_complete(&full));
        assert!(!jpeg_is_complete(&full[..full.len() - 2]));
        assert!(!jpeg_is_complete(&full[..40]));
        assert_eq!(FileKind::sniff(&full), Some(FileKind::Jpeg));
        assert_eq!(FileKind::sniff(b"%PDF-1.4\n"), Some(FileKind::Pdf));
        assert_eq!(FileKind::sniff(b"GIF89a......"), None);
    }
}
