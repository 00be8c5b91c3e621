//! Logging for every front end: `tracing` to stderr, filtered by `CARNET_LOG`
//! (e.g. `CARNET_LOG=debug`), else at the front end's default level.

/// Installs the subscriber; a second call (a test harness, say) is a no-op.
pub fn init(default_level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CARNET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
