// Keeps floe_testutil a real archive while every helper is header-only.
namespace floe::test {
int kTestUtilAnchor = 0;
}
