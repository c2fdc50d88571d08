# shellcheck shell=bash
# How ./run starts a role's Payara Micro, made to start fast with the full JIT:
#
# - a launcher directory per role (.local/micro/<role>: Payara Micro's --outputlauncher). The
#   runtime is unpacked once there instead of into a new temporary directory at every start, and
#   its jars are on the JVM's class path, where class-data sharing can archive their classes;
# - a class-data sharing archive per role (.local/micro/<role>.jsa), made once by a --warmup run
#   (the server starts, deploys, and exits) with the JDK's -XX:ArchiveClassesAtExit. Every later
#   start maps the classes from it instead of loading and verifying them again. MICRO_CDS=off
#   starts without it.
#
# Both are made again when payara-micro.jar, the driver, the JDK or the JVM options change (a
# stamp beside them). A changed WAR needs neither: the JVM checks each archived class of the
# application against the class file it loads and uses the archived one only when they match.
# Needs: log, die, state, runtime, repo and tls from ./run.

micro_dir() { echo "$state/micro/$1"; }

# The JVM options of a kind of server (service, admin): JAVA_OPTS when set, else the line for the
# kind in server-config/micro.properties, where each option says why.
micro_options() { # kind
  if [[ -n ${JAVA_OPTS:-} ]]; then
    echo "$JAVA_OPTS"
  else
    sed -n "s/^run\.$1\.jvm\.options=//p" "$repo/server-config/micro.properties"
  fi
}

# What a launcher directory and its archive are made from.
micro_stamp() { # kind
  { sha256sum "$runtime/payara-micro.jar" "$runtime/postgresql.jar" | awk '{ print $1 }'
    java -version 2>&1
    micro_options "$1"; } | sha256sum | awk '{ print $1 }'
}

# The role's launcher directory, made when missing or stale, with its configuration put back as
# the launcher made it: every start applies the post-boot commands to a fresh domain, as a
# temporary directory did, and deploys only the WAR it is given.
micro_prepare() { # role stamp
  local dir
  dir=$(micro_dir "$1")
  if [[ ! -f $dir/launch-micro.jar || $(cat "$dir.stamp" 2>/dev/null) != "$2" ]]; then
    rm -rf "$dir" "$dir.config" "$dir.jsa" "$dir.stamp"
    mkdir -p "$state/micro"
    java -jar "$runtime/payara-micro.jar" --rootdir "$dir" --addlibs "$runtime/postgresql.jar" --outputlauncher \
      >"$state/logs/$1.launcher.log" 2>&1 || die "Payara Micro could not make $1's launcher; see .local/logs/$1.launcher.log"
    cp -a "$dir/config" "$dir.config"
    echo "$2" >"$dir.stamp"
  fi
  rm -rf "$dir/config" "$dir/applications" "$dir/generated" "$dir/autodeploy" "$dir/logs"
  cp -a "$dir.config" "$dir/config"
}

# The arguments of a role's server after the JVM options, into the array micro_args.
micro_arguments() { # role port module
  local role=$1 port=$2 module=$3
  micro_args=(-jar "$(micro_dir "$role")/launch-micro.jar" --deploy "$repo/$module/target/$module.war" --contextroot /
    --port "$port" --postbootcommandfile "$state/$role.asadmin"
    --prebootcommandfile "$repo/server-config/src/main/asadmin/http-listener.asadmin"
    --nohazelcast --disablephonehome --name "$role")
  if [[ $module == admin-war ]]; then
    micro_args+=(--sslport "$ADMIN_HTTPS_PORT" --sslcert admin --systemproperties "$tls/admin-tls.properties")
  fi
}

# The JVM options of a role's start: its kind's and its archive, when there is one.
micro_jvm_options() { # role kind -> the array micro_jvm
  local archive
  archive=$(micro_dir "$1").jsa
  # shellcheck disable=SC2207 # the options are words
  micro_jvm=($(micro_options "$2"))
  if [[ ${MICRO_CDS:-on} != off && -s $archive ]]; then
    micro_jvm+=("-XX:SharedArchiveFile=$archive")
  fi
}

# The archives the roles lack, made side by side by one --warmup run each. The JVM writes an
# archive as it exits; a run that fails leaves none, and the server then starts without it.
micro_make_archives() { # role port module kind, one line each, on standard input
  local role port module kind pids=() roles=() started=$SECONDS i micro_args
  while read -r role port module kind; do
    [[ -n $role && ${MICRO_CDS:-on} != off && ! -s $(micro_dir "$role").jsa ]] || continue
    micro_arguments "$role" "$port" "$module"
    # shellcheck disable=SC2046 # the options are words
    java $(micro_options "$kind") "-XX:ArchiveClassesAtExit=$(micro_dir "$role").jsa" -Xlog:cds=error -Xlog:cds+dynamic=error \
      "${micro_args[@]}" --warmup >"$state/logs/$role.cds.log" 2>&1 &
    pids+=($!)
    roles+=("$role")
  done
  ((${#pids[@]} > 0)) || return 0
  log "making the class-data sharing archives of ${roles[*]} (once; log: .local/logs/<role>.cds.log)"
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}" || [[ ! -s $(micro_dir "${roles[$i]}").jsa ]]; then
      log "warning: no class-data sharing archive for ${roles[$i]}; it starts without one (see .local/logs/${roles[$i]}.cds.log)"
      rm -f "$(micro_dir "${roles[$i]}").jsa"
    fi
    # The warm-up changed the configuration: put it back for the start.
    micro_prepare "${roles[$i]}" "$(cat "$(micro_dir "${roles[$i]}").stamp")"
  done
  log "archives made in $((SECONDS - started)) s"
}
