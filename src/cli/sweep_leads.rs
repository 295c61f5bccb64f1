//! `nxtgauge sweep-leads`: enqueues a sweep for the running workers.
use crate::server::queue::{self, Queue};
use std::sync::Arc;

/// Ask the queue workers to sweep now.
///
/// The sweep expires leads, refunds unopened responses and closes jobs past their time;
/// the workers also run it every minute.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let pool = super::connect().await?;
    queue::migrate(&pool).await?;
    let config = super::server_config()?;
    let queue = Queue::build(pool, Arc::new(config), crate::app::wiring::tasks()).await?;
    queue.sweep_now().await?;
    println!("sweep enqueued");
    Ok(())
}
