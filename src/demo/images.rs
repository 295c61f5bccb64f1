//! Demo portfolio pictures: distinct 1200×800 JPEGs (a sky gradient, a sun, hills and
//! soft lights, in colours drawn from the image's seed) with 480×320 thumbnails,
//! written through the app's storage where uploads go.
use super::generate::{shared_image_key, ImageJob, SHARED_IMAGES};
use super::SeedError;
use crate::server::storage::{self, Storage};
use futures::{stream, StreamExt, TryStreamExt};
use image::{codecs::jpeg::JpegEncoder, imageops, RgbImage};
use rand::{rngs::StdRng, Rng, SeedableRng};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 800;
pub const THUMB_WIDTH: u32 = 480;
pub const THUMB_HEIGHT: u32 = 320;
const QUALITY: u8 = 82;

/// The full picture and its thumbnail, both JPEG.
pub struct Rendered {
    pub full: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// Renders and encodes the picture of `seed` (CPU-bound: call it on a blocking thread).
pub fn render(seed: u64) -> Result<Rendered, image::ImageError> {
    let img = scene(seed);
    let thumb = imageops::thumbnail(&img, THUMB_WIDTH, THUMB_HEIGHT);
    Ok(Rendered {
        full: jpeg(&img)?,
        thumb: jpeg(&thumb)?,
    })
}

fn jpeg(img: &RgbImage) -> Result<Vec<u8>, image::ImageError> {
    let mut out = Vec::with_capacity(img.as_raw().len() / 8);
    JpegEncoder::new_with_quality(&mut out, QUALITY).encode_image(img)?;
    Ok(out)
}

/// A colour from hue (0–360), saturation and value (0–1).
fn hsv(h: f32, s: f32, v: f32) -> [f32; 3] {
    let c = v * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 / 60 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = v - c;
    [(r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0]
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

struct Hill {
    base: f32,
    amp: f32,
    freq: f32,
    phase: f32,
    colour: [f32; 3],
}

struct Light {
    x: f32,
    y: f32,
    r: f32,
    colour: [f32; 3],
    alpha: f32,
}

fn scene(seed: u64) -> RgbImage {
    let mut rng = StdRng::seed_from_u64(seed);
    let (w, h) = (WIDTH as f32, HEIGHT as f32);
    let hue = rng.gen_range(0.0..360.0);
    let top = hsv(hue, rng.gen_range(0.3..0.8), rng.gen_range(0.55..0.95));
    let bottom = hsv(
        (hue + rng.gen_range(20.0..120.0)) % 360.0,
        rng.gen_range(0.2..0.7),
        rng.gen_range(0.7..1.0),
    );
    let sun = (
        rng.gen_range(0.1..0.9) * w,
        rng.gen_range(0.1..0.45) * h,
        rng.gen_range(40.0..140.0),
    );
    let sun_colour = hsv(rng.gen_range(20.0..60.0), 0.5, 1.0);
    let hill_hue = rng.gen_range(0.0..360.0);
    let hills: Vec<Hill> = (0..rng.gen_range(2..=4))
        .map(|i| Hill {
            base: h * (0.5 + 0.12 * i as f32) + rng.gen_range(-30.0..30.0),
            amp: rng.gen_range(15.0..90.0),
            freq: rng.gen_range(1.0..4.0) * std::f32::consts::TAU / w,
            phase: rng.gen_range(0.0..std::f32::consts::TAU),
            colour: hsv(
                (hill_hue + 15.0 * i as f32) % 360.0,
                rng.gen_range(0.3..0.7),
                0.55 - 0.1 * i as f32,
            ),
        })
        .collect();
    let lights: Vec<Light> = (0..rng.gen_range(4..=10))
        .map(|_| Light {
            x: rng.gen_range(0.0..w),
            y: rng.gen_range(0.0..h),
            r: rng.gen_range(20.0..110.0),
            colour: hsv(rng.gen_range(0.0..360.0), 0.35, 1.0),
            alpha: rng.gen_range(0.12..0.35),
        })
        .collect();
    let mut grain: u32 = rng.gen::<u32>() | 1;

    // Layer by layer, each over the rows or box it covers: a tenth of the work of asking
    // every pixel about every shape.
    let (wi, hi) = (WIDTH as usize, HEIGHT as usize);
    let mut px: Vec<[f32; 3]> = Vec::with_capacity(wi * hi);
    for y in 0..hi {
        let row = mix(top, bottom, y as f32 / h);
        px.extend(std::iter::repeat_n(row, wi));
    }
    let glow = sun.2 * 2.5;
    for_box(sun.0, sun.1, glow, |x, y| {
        let (dx, dy) = (x as f32 - sun.0, y as f32 - sun.1);
        let d = (dx * dx + dy * dy).sqrt();
        if d < glow {
            let t = if d < sun.2 {
                0.95
            } else {
                0.95 * (1.0 - (d - sun.2) / (sun.2 * 1.5))
            };
            let c = &mut px[y * wi + x];
            *c = mix(*c, sun_colour, t);
        }
    });
    for hill in &hills {
        for x in 0..wi {
            let top = hill.base + hill.amp * (x as f32 * hill.freq + hill.phase).sin();
            let first = (top.max(-1.0) + 1.0) as usize;
            for y in first.min(hi)..hi {
                px[y * wi + x] = hill.colour;
            }
        }
    }
    for l in &lights {
        for_box(l.x, l.y, l.r, |x, y| {
            let (dx, dy) = (x as f32 - l.x, y as f32 - l.y);
            if dx * dx + dy * dy < l.r * l.r {
                let c = &mut px[y * wi + x];
                *c = mix(*c, l.colour, l.alpha);
            }
        });
    }
    let mut raw = Vec::with_capacity(wi * hi * 3);
    for c in px {
        // A little film grain, so the JPEGs weigh what photos do.
        grain ^= grain << 13;
        grain ^= grain >> 17;
        grain ^= grain << 5;
        let n = (grain % 13) as f32 - 6.0;
        raw.extend(c.map(|v| (v + n).clamp(0.0, 255.0) as u8));
    }
    RgbImage::from_raw(WIDTH, HEIGHT, raw).unwrap_or_default()
}

/// Calls `f(x, y)` for every pixel of the square around (cx, cy) with half side `r`
/// that lies inside the picture.
fn for_box(cx: f32, cy: f32, r: f32, mut f: impl FnMut(usize, usize)) {
    let span = |c: f32, max: u32| {
        let lo = (c - r).max(0.0) as usize;
        let hi = ((c + r).max(0.0) as usize + 1).min(max as usize);
        lo..hi
    };
    for y in span(cy, HEIGHT) {
        for x in span(cx, WIDTH) {
            f(x, y);
        }
    }
}

/// One picture to write: its seed and the storage keys of the image and its thumbnail.
struct Target {
    seed: u64,
    key: String,
    thumb_key: String,
}

/// Renders and stores the profiles' own pictures and the shared pool, `workers` at a
/// time. Returns how many pictures (not counting thumbnails) were written.
pub async fn write_all(
    storage: &Storage,
    jobs: &[ImageJob],
    seed: u64,
    workers: usize,
) -> Result<usize, SeedError> {
    let mut targets: Vec<Target> = (0..SHARED_IMAGES)
        .map(|n| {
            let key = shared_image_key(n);
            Target {
                seed: seed ^ (u64::from(n) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                thumb_key: thumb_key(&key),
                key,
            }
        })
        .collect();
    targets.extend(jobs.iter().map(|j| Target {
        seed: j.seed,
        key: storage::portfolio_image_key(j.profile_id, j.image_id),
        thumb_key: storage::portfolio_thumb_key(j.profile_id, j.image_id),
    }));
    let count = targets.len();
    stream::iter(targets)
        .map(|t| async move {
            let rendered = tokio::task::spawn_blocking(move || render(t.seed)).await??;
            storage.put(&t.key, rendered.full).await?;
            storage.put(&t.thumb_key, rendered.thumb).await?;
            Ok::<(), SeedError>(())
        })
        .buffer_unordered(workers.max(1))
        .try_collect::<Vec<()>>()
        .await?;
    Ok(count)
}

/// `…/name.jpg` → `…/name_thumb.jpg`.
fn thumb_key(key: &str) -> String {
    match key.strip_suffix(".jpg") {
        Some(stem) => format!("{stem}_thumb.jpg"),
        None => format!("{key}_thumb"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;

    #[test]
    fn pictures_are_jpegs_of_the_right_size_and_differ_by_seed() {
        let a = render(1).unwrap();
        let b = render(2).unwrap();
        assert_ne!(a.full, b.full);
        let full = image::load_from_memory(&a.full).unwrap();
        assert_eq!((full.width(), full.height()), (WIDTH, HEIGHT));
        let thumb = image::load_from_memory(&a.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (THUMB_WIDTH, THUMB_HEIGHT));
        assert_eq!(render(1).unwrap().full, a.full, "same seed, same picture");
        assert_eq!(thumb_key("public/p/1.jpg"), "public/p/1_thumb.jpg");
    }
}
