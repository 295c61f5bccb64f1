//! The command line as scripts and the Playwright helpers call it: names, flags, defaults
//! and the errors of a wrong call (no database needed).
use super::{Cli, Command};
use clap::{error::ErrorKind, CommandFactory, Parser};

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("nxtgauge").chain(args.iter().copied()))
}

#[test]
fn the_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn no_command_serves() {
    assert!(parse(&[]).unwrap().command.is_none());
}

#[test]
fn help_lists_every_command() {
    let help = Cli::command().render_long_help().to_string();
    let mut commands = vec!["create-staff", "config", "sweep-leads", "grant-package"];
    if cfg!(feature = "demo") {
        commands.push("seed-demo");
    }
    for name in commands {
        assert!(help.contains(name), "{name} missing from:\n{help}");
    }
    assert_eq!(
        parse(&["--help"]).unwrap_err().kind(),
        ErrorKind::DisplayHelp
    );
    assert_eq!(
        parse(&["nonsense"]).unwrap_err().kind(),
        ErrorKind::InvalidSubcommand
    );
}

#[test]
fn create_staff_takes_email_name_and_role() {
    let cli = parse(&[
        "create-staff",
        "--email",
        "ops@nxtgauge.in",
        "--name",
        "Priya Ops",
        "--role",
        "SUPER_ADMIN",
    ])
    .unwrap();
    let Some(Command::CreateStaff(args)) = cli.command else {
        panic!("not create-staff: {cli:?}");
    };
    assert_eq!(
        (args.email.as_str(), args.name.as_str(), args.role.as_str()),
        ("ops@nxtgauge.in", "Priya Ops", "SUPER_ADMIN")
    );
    let err = parse(&["create-staff", "--email", "ops@nxtgauge.in"]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
    let text = err.to_string();
    assert!(text.contains("--name") && text.contains("--role"), "{text}");
}

#[test]
fn config_reads_a_setting_and_an_optional_json_value() {
    let Some(Command::Config(args)) = parse(&["config", "leads.unopened_refund_hours"])
        .unwrap()
        .command
    else {
        panic!("not config");
    };
    assert_eq!(
        (args.setting.group.as_str(), args.setting.key.as_str()),
        ("leads", "unopened_refund_hours")
    );
    assert_eq!(args.value, None);

    // A negative number is the value, not a flag.
    let Some(Command::Config(args)) = parse(&["config", "leads.x", "-1"]).unwrap().command else {
        panic!("not config");
    };
    assert_eq!(args.value.as_deref(), Some("-1"));

    let err = parse(&["config", "unopened_refund_hours", "24"]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ValueValidation);
    assert!(err.to_string().contains("GROUP.KEY"), "{err}");
    assert_eq!(
        parse(&["config"]).unwrap_err().kind(),
        ErrorKind::MissingRequiredArgument
    );
}

#[test]
fn sweep_leads_and_grant_package() {
    assert!(matches!(
        parse(&["sweep-leads"]).unwrap().command,
        Some(Command::SweepLeads(_))
    ));
    let Some(Command::GrantPackage(args)) = parse(&[
        "grant-package",
        "--email",
        "hr@example.in",
        "--package",
        "Job Post Pack",
    ])
    .unwrap()
    .command
    else {
        panic!("not grant-package");
    };
    assert_eq!(
        (args.email.as_str(), args.package.as_str()),
        ("hr@example.in", "Job Post Pack")
    );
    assert_eq!(
        parse(&["grant-package", "--email", "hr@example.in"])
            .unwrap_err()
            .kind(),
        ErrorKind::MissingRequiredArgument
    );
}

#[cfg(feature = "demo")]
mod seed_demo {
    use super::*;

    fn options(args: &[&str]) -> crate::demo::SeedOptions {
        let cli = parse(&[&["seed-demo"], args].concat()).unwrap();
        let Some(Command::SeedDemo(args)) = cli.command else {
            panic!("not seed-demo: {cli:?}");
        };
        args.options()
    }

    #[test]
    fn defaults_are_the_generators() {
        let opts = options(&["--profiles", "2000"]);
        let defaults = crate::demo::SeedOptions::new(2000);
        assert_eq!(
            (opts.profiles, opts.images, opts.seed, opts.jobs, opts.batch),
            (
                2000,
                defaults.images,
                defaults.seed,
                defaults.jobs,
                defaults.batch
            )
        );
        assert_eq!((opts.images, opts.seed, opts.jobs), (300, 42, 2));
        assert!(!opts.reset && !opts.force);
    }

    #[test]
    fn flags_as_scripts_pass_them() {
        // scripts/run.sh
        let opts = options(&["--profiles", "2000", "--images", "40", "--force"]);
        assert_eq!((opts.profiles, opts.images), (2000, 40));
        assert!(opts.force && !opts.reset);
        // README, by hand
        let opts = options(&[
            "--profiles",
            "1_000_000",
            "--images",
            "300",
            "--reset",
            "--seed",
            "7",
        ]);
        assert_eq!((opts.profiles, opts.seed), (1_000_000, 7));
        assert!(opts.reset);
        assert_eq!(options(&["--profiles", "1,000"]).profiles, 1000);
    }

    #[test]
    fn jobs_and_batch_are_brought_into_range() {
        let opts = options(&["--profiles", "100", "--jobs", "99", "--batch", "5"]);
        assert_eq!((opts.jobs, opts.batch), (16, 100));
        assert_eq!(options(&["--profiles", "100", "--jobs", "0"]).jobs, 1);
    }

    #[test]
    fn a_wrong_number_or_no_profiles_is_refused() {
        let err = parse(&["seed-demo", "--profiles", "many"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ValueValidation);
        assert!(err.to_string().contains("whole number"), "{err}");
        assert_eq!(
            parse(&["seed-demo", "--images", "5"]).unwrap_err().kind(),
            ErrorKind::MissingRequiredArgument
        );
        assert_eq!(
            parse(&["seed-demo", "--profiles", "100", "--wipe"])
                .unwrap_err()
                .kind(),
            ErrorKind::UnknownArgument
        );
    }
}
