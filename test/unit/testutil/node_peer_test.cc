#include "util/node_peer.h"

#include <gtest/gtest.h>

#include <string>

#include "util/test_macros.h"

namespace floe::test {
namespace {

TEST(NodePeerTest, MissingPackageSaysHowToInstall) {
  ASSERT_STATUS(kNotFound, "bash scripts/install_deps.sh",
                FindPeerScript("duckdb_query.mjs", "no-such-package"));
  ASSERT_STATUS(kNotFound, "no_such_script.mjs does not exist",
                FindPeerScript("no_such_script.mjs", "@duckdb/node-api"));
}

TEST(NodePeerTest, PeersDirIsInTheSourceTree) {
  EXPECT_EQ(PeersDir(), std::string(FLOE_SOURCE_DIR) + "/test/peers");
}

}  // namespace
}  // namespace floe::test
