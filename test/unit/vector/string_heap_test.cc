#include "vector/string_heap.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "vector/string_ref.h"

namespace floe {
namespace {

TEST(StringRefTest, InlineBoundaryIsTwelveBytes) {
  const std::string twelve = "abcdefghijkl";
  const std::string thirteen = "abcdefghijklm";
  StringRef inlined(twelve.data(), 12);
  StringRef pointing(thirteen.data(), 13);
  EXPECT_TRUE(inlined.IsInlined());
  EXPECT_FALSE(pointing.IsInlined());
  EXPECT_EQ(inlined.view(), twelve);
  EXPECT_EQ(pointing.view(), thirteen);
  // Inline bytes are a copy; a long ref points at the caller's bytes.
  EXPECT_NE(inlined.data(), twelve.data());
  EXPECT_EQ(pointing.data(), thirteen.data());
  EXPECT_EQ(StringRef().size(), 0u);
  EXPECT_TRUE(StringRef().empty());
  EXPECT_EQ(StringRef().view(), "");
}

TEST(StringRefTest, Equality) {
  const std::string a1 = "same prefix, long tail 1";
  const std::string a2 = "same prefix, long tail 1";  // a distinct buffer
  const std::string b = "same prefix, long tail 2";
  const std::string c = "diff prefix, long tail 1";
  EXPECT_EQ(StringRef(a1.data(), a1.size()), StringRef(a2.data(), a2.size()));
  EXPECT_NE(StringRef(a1.data(), a1.size()), StringRef(b.data(), b.size()));
  EXPECT_NE(StringRef(a1.data(), a1.size()), StringRef(c.data(), c.size()));
  EXPECT_EQ(StringRef("abc", 3), StringRef("abc", 3));
  EXPECT_NE(StringRef("abc", 3), StringRef("abd", 3));
  EXPECT_NE(StringRef("abc", 3), StringRef("abc\0", 4));
  EXPECT_EQ(StringRef("", 0), StringRef());
}

TEST(StringHeapTest, ShortStringsUseNoHeap) {
  StringHeap heap;
  StringRef ref = heap.AddString("twelve bytes");
  EXPECT_TRUE(ref.IsInlined());
  EXPECT_EQ(heap.used_bytes(), 0);
  EXPECT_EQ(heap.block_count(), 0);
  StringRef long_ref = heap.AddString("thirteen byte");
  EXPECT_FALSE(long_ref.IsInlined());
  EXPECT_EQ(long_ref.view(), "thirteen byte");
  EXPECT_EQ(heap.used_bytes(), 13);
  EXPECT_EQ(heap.block_count(), 1);
}

TEST(StringHeapTest, ManyStringsShareFewBlocks) {
  StringHeap heap;
  std::vector<StringRef> refs;
  for (int i = 0; i < 10000; ++i) {
    refs.push_back(heap.AddString("a value of about thirty bytes #" + std::to_string(i)));
  }
  // ~340 KB in geometrically growing blocks: a few allocations, not 10000.
  EXPECT_LE(heap.block_count(), 10);
  EXPECT_GE(heap.allocated_bytes(), heap.used_bytes());
  EXPECT_LE(heap.allocated_bytes(), 2 * heap.used_bytes());
  // Earlier refs stay valid as the heap grows.
  for (int i = 0; i < 10000; ++i) {
    ASSERT_EQ(refs[i].view(), "a value of about thirty bytes #" + std::to_string(i));
  }
}

TEST(StringHeapTest, LargeValuesGetTheirOwnBlock) {
  StringHeap heap;
  StringRef small = heap.AddString(std::string(100, 's'));
  const std::string big(1 << 20, 'b');
  StringRef large = heap.AddString(big);
  StringRef after = heap.AddString(std::string(100, 'a'));
  EXPECT_EQ(heap.block_count(), 2);
  // The small values share the first block: its space was not abandoned.
  EXPECT_EQ(after.data(), small.data() + 100);
  EXPECT_EQ(large.view(), big);
  heap.Clear();
  EXPECT_EQ(heap.block_count(), 0);
  EXPECT_EQ(heap.allocated_bytes(), 0);
}

TEST(StringHeapTest, PinnedOwnersLiveUntilClear) {
  auto page = std::make_shared<std::string>("a value longer than twelve bytes, in a page");
  std::weak_ptr<std::string> watch = page;
  StringHeap heap;
  heap.Pin(page);
  heap.Pin(page);  // the same owner again: pinned once
  EXPECT_EQ(heap.pinned_count(), 1);
  StringRef ref(page->data(), static_cast<uint32_t>(page->size()));
  page.reset();
  ASSERT_FALSE(watch.expired());  // the heap keeps the page alive
  EXPECT_EQ(ref.view(), "a value longer than twelve bytes, in a page");
  EXPECT_EQ(heap.allocated_bytes(), 0);  // nothing was copied
  heap.Clear();
  EXPECT_TRUE(watch.expired());
  EXPECT_EQ(heap.pinned_count(), 0);
}

}  // namespace
}  // namespace floe
