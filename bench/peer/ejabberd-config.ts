/**
 * The configuration of the bench's own ejabberd instance (ejabberd.yml and ejabberdctl.cfg).
 * Everything ejabberd keeps goes to its own PostgreSQL; only what the bench needs is loaded.
 */

export type EjabberdSettings = {
  domain: string;
  c2sPort: number;
  /** Erlang distribution port (ERL_DIST_PORT): ejabberdctl talks to the node on it, no epmd. */
  distPort: number;
  nodeName: string;
  cookie: string;
  pidFile: string;
  /** Starts /usr/bin/erl with the open-files limit raised (see erlWrapper). */
  erlWrapper: string;
  logDir: string;
  spoolDir: string;
  sql: { port: number; database: string; username: string; password: string };
  /** ejabberd's pool of PostgreSQL connections (its default is 10). */
  sqlPoolSize: number;
  /** TLS on the c2s port (STARTTLS required) with this PEM (certificate + key); off when absent. */
  certFile?: string;
};

const quote = (value: string) => JSON.stringify(value);

export function ejabberdYml(s: EjabberdSettings): string {
  const tls = s.certFile ? `    starttls: true\n    starttls_required: true\n` : `    starttls: false\n`;
  return `# Written by bench/peer/ejabberd-config.ts for one bench run; not the system's ejabberd.
hosts:
  - ${quote(s.domain)}
loglevel: warning
log_rotate_count: 0
${s.certFile ? `certfiles:\n  - ${quote(s.certFile)}\n` : ""}
# Everything in PostgreSQL, in the multi-host schema (pg.new.sql).
default_db: sql
new_sql_schema: true
sql_type: pgsql
sql_server: "127.0.0.1"
sql_port: ${s.sql.port}
sql_database: ${quote(s.sql.database)}
sql_username: ${quote(s.sql.username)}
sql_password: ${quote(s.sql.password)}
sql_pool_size: ${s.sqlPoolSize}
auth_method: sql
auth_password_format: plain

listen:
  - port: ${s.c2sPort}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    access: c2s
    # No traffic shaping: the bench offers the load, ejabberd must not throttle it.
    shaper: none
    max_stanza_size: 262144
    # ejabberd's default accept backlog is 5: bursts of connects then stall. 511 is Node's default.
    backlog: 511
${tls}
acl:
  local:
    user_regexp: ""

access_rules:
  c2s:
    allow: all

shaper_rules:
  # One user holds many idle sessions in the memory-per-socket measurement.
  max_user_sessions: 100000
  max_user_offline_messages: 5000

modules:
  mod_stream_mgmt:
    resend_on_timeout: if_offline
  mod_mam:
    db_type: sql
    default: always
    assume_mam_usage: true
  mod_muc:
    db_type: sql
    access: all
    access_create: all
    access_persistent: all
    max_users: 1000
    max_user_conferences: 100
    default_room_options:
      mam: true
      persistent: true
  # create_room for ejabberdctl.
  mod_muc_admin: {}
  mod_offline:
    db_type: sql
  mod_disco: {}
  mod_ping: {}
`;
}

/** ejabberdctl.cfg: node name, cookie and distribution port of this instance only. */
export function ejabberdctlCfg(s: EjabberdSettings): string {
  return `# Written by bench/peer/ejabberd-config.ts for one bench run.
ERLANG_NODE=${s.nodeName}
ERL_DIST_PORT=${s.distPort}
INET_DIST_INTERFACE=127.0.0.1
ERL_EPMD_ADDRESS=127.0.0.1
ERL_MAX_PORTS=65536
ERL_OPTIONS="-setcookie ${s.cookie} -env ERL_CRASH_DUMP_BYTES 0"
EJABBERD_PID_PATH=${s.pidFile}
EJABBERD_BYPASS_WARNINGS=true
ERL=${s.erlWrapper}
`;
}

/**
 * ejabberdctl runs erl through `su ejabberd`, whose session gets a soft limit of 1,024 open files
 * here: past ~1,000 sessions ejabberd then stops accepting connections. Debian's systemd unit sets
 * LimitNOFILE=65536; this wrapper raises the soft limit as far as the hard one allows.
 */
export function erlWrapper(): string {
  return `#!/bin/sh
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec /usr/bin/erl "$@"
`;
}
