// Where the Node.js test peers live and the node binary that runs them.
//
// Peers are independent implementations Floe's tests compare against (DuckDB, avsc, hyparquet),
// as scripts in test/peers/ with their packages in test/peers/node_modules/. Neither node nor the
// packages are needed to build Floe, so a test that needs them skips when they are missing; every
// NotFound from here says how to install them.
//
// Thread-safety: stateless functions (they read the environment).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"

namespace floe::test {

inline constexpr std::string_view kPeerInstallHint =
    "install the test peers with `bash scripts/install_deps.sh` (or `cd test/peers && npm "
    "install`)";

// $FLOE_NODE when set, else the first executable `node` on $PATH. NotFound otherwise.
Result<std::string> FindNode();

// <FLOE_SOURCE_DIR>/test/peers.
std::string PeersDir();

// The path of test/peers/<script> after checking that the script and
// test/peers/node_modules/<package> exist. NotFound otherwise.
Result<std::string> FindPeerScript(std::string_view script, std::string_view package);

}  // namespace floe::test
