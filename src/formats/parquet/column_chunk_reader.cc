#include "formats/parquet/column_chunk_reader.h"

#include <algorithm>
#include <cstring>

#include "formats/parquet/encoding/bit_packing.h"
#include "formats/parquet/encoding/byte_stream_split.h"
#include "formats/parquet/encoding/delta_binary_packed.h"
#include "formats/parquet/encoding/delta_byte_array.h"
#include "formats/parquet/encoding/plain.h"
#include "formats/parquet/encoding/rle_bit_packed.h"
#include "formats/parquet/page_reader.h"
#include "formats/parquet/thrift_enum.h"

namespace floe::parquet {
namespace {

// A page holds at most this many level entries; more is corrupt or hostile
// (the size is allocated before decoding).
constexpr int64_t kMaxLevelsPerPage = int64_t{1} << 27;

Result<CompressionKind> CodecOf(int32_t codec) {
  switch (codec) {
    case format::CompressionCodec::UNCOMPRESSED:
      return CompressionKind::kUncompressed;
    case format::CompressionCodec::SNAPPY:
      return CompressionKind::kSnappy;
    case format::CompressionCodec::GZIP:
      return CompressionKind::kGzip;
    case format::CompressionCodec::BROTLI:
      return CompressionKind::kBrotli;
    case format::CompressionCodec::LZ4:
      return CompressionKind::kLz4Hadoop;
    case format::CompressionCodec::ZSTD:
      return CompressionKind::kZstd;
    case format::CompressionCodec::LZ4_RAW:
      return CompressionKind::kLz4Raw;
    default:
      return Status::NotSupported("compression codec {}",
                                  ThriftEnumName(format::_CompressionCodec_VALUES_TO_NAMES, codec));
  }
}

bool IsBinary(PhysicalType type) {
  return type == PhysicalType::kByteArray || type == PhysicalType::kFixedLenByteArray;
}

// Appends values [begin, begin + n) of `from` to `to`.
void AppendValues(const DecodedValues& from, int64_t begin, int64_t n, DecodedValues& to) {
  if (n == 0) return;
  if (IsBinary(from.physical_type)) {
    to.binary.insert(to.binary.end(), from.binary.begin() + begin, from.binary.begin() + begin + n);
  } else {
    to.fixed.insert(to.fixed.end(), from.fixed.begin() + begin * from.width,
                    from.fixed.begin() + (begin + n) * from.width);
  }
  to.count += n;
}

void AppendGathered(const DecodedValues& dict, const uint32_t* indices, int64_t n,
                    DecodedValues& to) {
  if (IsBinary(dict.physical_type)) {
    for (int64_t i = 0; i < n; ++i) to.binary.push_back(dict.binary[indices[i]]);
  } else {
    const int w = dict.width;
    size_t at = to.fixed.size();
    to.fixed.resize(at + n * w);
    uint8_t* out = to.fixed.data() + at;
    const uint8_t* src = dict.fixed.data();
    for (int64_t i = 0; i < n; ++i) std::memcpy(out + i * w, src + indices[i] * w, w);
  }
  to.count += n;
}

void AddKeepAlive(const std::vector<std::shared_ptr<const Buffer>>& from, DecodedValues& to) {
  for (const auto& b : from) {
    if (std::find(to.keep_alive.begin(), to.keep_alive.end(), b) == to.keep_alive.end()) {
      to.keep_alive.push_back(b);
    }
  }
}

class ColumnChunkReaderImpl final : public ColumnChunkReader {
 public:
  Status Init(std::shared_ptr<const ParquetFileMetadata> metadata, int32_t row_group,
              int32_t column, std::vector<ChunkSegment> segments,
              std::optional<OffsetIndex> offset_index, ColumnChunkReaderOptions options) {
    metadata_ = std::move(metadata);
    row_group_ = row_group;
    column_ = column;
    options_ = options;
    const ColumnDescriptor& d = descriptor();
    context_ = fmt::format("parquet: {}: row group {}, column '{}'", metadata_->location(),
                           row_group, d.dotted_path);
    type_ = d.physical_type;
    max_def_ = d.max_definition_level;
    max_rep_ = d.max_repetition_level;
    const SchemaNode& node = metadata_->schema().node(d.node_index);
    width_ = type_ == PhysicalType::kFixedLenByteArray ? node.type_length.value_or(0)
                                                       : PhysicalTypeWidth(type_);
    if (type_ == PhysicalType::kFixedLenByteArray && width_ <= 0) {
      return Status::Corruption("{}: FIXED_LEN_BYTE_ARRAY without a positive length", context_);
    }
    const format::ColumnMetaData& meta = metadata_->column_chunk(row_group, column).meta_data;
    Result<CompressionKind> codec = CodecOf(ThriftEnumValue(meta.codec));
    if (!codec.has_value()) return codec.error().WithContext("{}", context_);
    levels_left_ = meta.num_values;
    std::vector<ReadRange> fetched;
    for (const ChunkSegment& seg : segments) {
      if (seg.data != nullptr) fetched.push_back({seg.offset, seg.data->size()});
    }
    FLOE_ASSIGN_OR_RETURN(
        pages_, PageReader::Make(std::move(segments), *codec, options.verify_crc, context_));
    page_values_.physical_type = type_;
    page_values_.width = width_;
    if (offset_index.has_value()) {
      FLOE_RETURN_NOT_OK(InitIndex(std::move(*offset_index), fetched));
    }
    return Status::OK();
  }

  Result<int64_t> ReadRecords(int64_t max_records, ColumnBatch& out) override {
    int64_t records = 0;
    bool open = false;  // a record has started and not yet ended
    while (records < max_records) {
      if (level_pos_ == page_levels_) {
        // The next page was not fetched: the fetched run ends here, and so
        // does its last record (a page reached through the index starts a
        // row; only pages of unrepeated columns are left unfetched).
        if (index_.has_value() && next_page_ < index_->pages.size() && !fetched_[next_page_]) {
          break;
        }
        FLOE_ASSIGN_OR_RETURN(bool more, NextDataPage());
        if (!more) break;
        continue;
      }
      int64_t begin = level_pos_;
      int64_t end = begin;
      if (max_rep_ == 0) {
        end = std::min(page_levels_, begin + (max_records - records));
        records += end - begin;
      } else {
        const int16_t* rep = rep_levels_.data();
        for (end = begin; end < page_levels_; ++end) {
          if (rep[end] == 0) {
            if (open) {
              ++records;
              open = false;
              if (records == max_records) break;
            }
            open = true;
          }
        }
      }
      FLOE_RETURN_NOT_OK(Take(begin, end, out));
    }
    if (open) ++records;  // the chunk ended inside a record
    out.num_records += records;
    row_pos_ += records;
    return records;
  }

  Result<int64_t> SkipRecords(int64_t max_records) override {
    const int64_t start = row_pos_;
    const int64_t want = std::max<int64_t>(max_records, 0);
    const int64_t target = want > INT64_MAX - start ? INT64_MAX : start + want;
    if (index_.has_value() && jumps_enabled_ && target > row_pos_) {
      FLOE_RETURN_NOT_OK(Jump(std::min(target, num_records())));
    }
    ColumnBatch scratch;
    while (row_pos_ < target) {
      scratch.Clear();
      FLOE_ASSIGN_OR_RETURN(int64_t n,
                            ReadRecords(std::min<int64_t>(target - row_pos_, 4096), scratch));
      if (n == 0) break;
    }
    return row_pos_ - start;
  }

  int64_t pages_skipped() const override { return pages_skipped_; }

 private:
  // Checks every fetched page against the offset index.
  Status InitIndex(OffsetIndex index, const std::vector<ReadRange>& fetched) {
    const int64_t num_rows = num_records();
    const size_t n = index.pages.size();
    fetched_.assign(n, false);
    auto bad = [&](size_t p, std::string why) {
      return Status::Corruption("{}: offset index page {} at offset {}: {}", context_, p,
                                index.pages[p].offset, why);
    };
    for (size_t p = 0; p < n; ++p) {
      const PageLocation& loc = index.pages[p];
      const int64_t end = loc.offset + loc.compressed_page_size;
      bool inside = false;
      for (const ReadRange& r : fetched) {
        const int64_t r_end = r.offset + r.length;
        if (loc.offset >= r.offset && end <= r_end) inside = true;
        if (!inside && loc.offset < r_end && end > r.offset) {
          return Status::InvalidArgument("{}: a fetched range cuts page {} at offset {}", context_,
                                         p, loc.offset);
        }
      }
      if (!inside) continue;
      fetched_[p] = true;
      Result<PageHeaderInfo> info = pages_->HeaderAt(loc.offset);
      if (!info.has_value()) return bad(p, info.error().message());
      if (info->type != format::PageType::DATA_PAGE &&
          info->type != format::PageType::DATA_PAGE_V2) {
        return bad(p, fmt::format("not a data page (type {})",
                                  ThriftEnumName(format::_PageType_VALUES_TO_NAMES, info->type)));
      }
      if (info->total_size != loc.compressed_page_size) {
        return bad(p, fmt::format("the index says {} bytes, the page has {}",
                                  loc.compressed_page_size, info->total_size));
      }
      const int64_t rows = index.PageRowEnd(p, num_rows) - loc.first_row_index;
      if ((max_rep_ == 0 && info->num_values != rows) ||
          (info->num_rows.has_value() && *info->num_rows != rows)) {
        return bad(p, fmt::format("the index says {} rows, the page has {} values", rows,
                                  info->num_values));
      }
    }
    all_fetched_ = std::find(fetched_.begin(), fetched_.end(), false) == fetched_.end();
    // Repeated columns skip only where they can go back (see the header).
    jumps_enabled_ = max_rep_ == 0 || all_fetched_;
    index_ = std::move(index);
    return Status::OK();
  }

  // Moves to the page holding row `target` if that passes over pages or the
  // rest of the current one.
  Status Jump(int64_t target) {
    const OffsetIndex& index = *index_;
    const int64_t num_rows = num_records();
    const bool in_page = level_pos_ < page_levels_;
    if (in_page && target < index.PageRowEnd(current_page_, num_rows)) return Status::OK();
    const size_t p = target >= num_rows ? index.pages.size() : index.PageOfRow(target);
    const int64_t first_row = p < index.pages.size() ? index.pages[p].first_row_index : num_rows;
    if (p < next_page_ || first_row <= row_pos_) return Status::OK();
    pages_skipped_ += static_cast<int64_t>(p - next_page_);
    next_page_ = p;
    page_levels_ = 0;
    level_pos_ = 0;
    row_pos_ = first_row;
    if (max_rep_ == 0 || p == index.pages.size()) return Status::OK();
    // Check that the page starts a row before trusting it.
    jumped_ = true;
    FLOE_RETURN_NOT_OK(NextDataPage().status());
    jumped_ = false;
    if (!misaligned_) return Status::OK();
    // It does not: start over from the first page and skip by decoding.
    jumps_enabled_ = false;
    misaligned_ = false;
    pages_skipped_ = 0;
    next_page_ = 0;
    page_levels_ = 0;
    level_pos_ = 0;
    row_pos_ = 0;
    first_page_ = true;
    levels_left_ = metadata_->column_chunk(row_group_, column_).meta_data.num_values;
    return Status::OK();
  }

  // Index mode: the next data page of the offset index (reading the
  // dictionary page before the first).
  Result<bool> NextIndexedPage() {
    const OffsetIndex& index = *index_;
    if (!prefix_read_) {
      prefix_read_ = true;
      const int64_t first = index.pages.empty() ? INT64_MAX : index.pages.front().offset;
      while (pages_->position() < first) {
        FLOE_ASSIGN_OR_RETURN(std::optional<Page> page, pages_->Next());
        if (!page.has_value()) break;
        if (page->kind != PageKind::kDictionary) {
          return PageError(*page, "a data page before the first page of the offset index");
        }
        FLOE_RETURN_NOT_OK(ReadDictionary(*page));
      }
    }
    while (next_page_ < index.pages.size()) {
      const size_t p = next_page_;
      if (!fetched_[p]) {
        return Status::InvalidArgument("{}: page {} at offset {} was not fetched", context_, p,
                                       index.pages[p].offset);
      }
      FLOE_RETURN_NOT_OK(pages_->Seek(index.pages[p].offset));
      FLOE_ASSIGN_OR_RETURN(std::optional<Page> page, pages_->Next());
      if (!page.has_value() || page->offset != index.pages[p].offset ||
          page->kind == PageKind::kDictionary) {
        return Status::Corruption("{}: offset index page {} at offset {} is not a data page",
                                  context_, p, index.pages[p].offset);
      }
      FLOE_RETURN_NOT_OK(LoadDataPage(*page));
      current_page_ = p;
      ++next_page_;
      if (page_levels_ > 0) return true;
    }
    return false;
  }

  // Appends levels [begin, end) of the current page, and their values.
  Status Take(int64_t begin, int64_t end, ColumnBatch& out) {
    int64_t n = end - begin;
    if (n == 0) return Status::OK();
    int64_t values = n;
    if (max_def_ > 0 && page_all_defined_ && (out.num_levels == 0 || out.def_levels_omitted)) {
      out.def_levels_omitted = true;
    } else if (max_def_ > 0) {
      if (out.def_levels_omitted) {  // a page with NULLs follows: materialise
        out.def_levels.assign(static_cast<size_t>(out.num_levels), max_def_);
        out.def_levels_omitted = false;
      }
      out.def_levels.insert(out.def_levels.end(), def_levels_.begin() + begin,
                            def_levels_.begin() + end);
      if (!page_all_defined_) {
        values = 0;
        for (int64_t i = begin; i < end; ++i) values += def_levels_[i] == max_def_;
      }
    }
    if (max_rep_ > 0) {
      out.rep_levels.insert(out.rep_levels.end(), rep_levels_.begin() + begin,
                            rep_levels_.begin() + end);
    }
    out.num_levels += n;
    level_pos_ = end;

    if (values > page_value_count_ - value_pos_) {
      return Status::Corruption("{}: page has {} values for {} defined levels", context_,
                                page_value_count_ - value_pos_, values);
    }
    out.values.physical_type = type_;
    out.values.width = width_;
    if (page_is_dictionary_) {
      const uint32_t* idx = page_indices_.data() + value_pos_;
      if (options_.keep_dictionary && out.values.count == 0) {
        out.dictionary = dictionary_;
        out.indices.insert(out.indices.end(), idx, idx + values);
      } else {
        if (out.is_dictionary()) Materialize(out);
        AppendGathered(*dictionary_, idx, values, out.values);
        AddKeepAlive(dictionary_->keep_alive, out.values);
      }
    } else {
      if (out.is_dictionary()) Materialize(out);
      AppendValues(page_values_, value_pos_, values, out.values);
      AddKeepAlive(page_values_.keep_alive, out.values);
    }
    value_pos_ += values;
    return Status::OK();
  }

  // Turns `out`'s dictionary indices into plain values (a chunk fell back to
  // plain pages within one batch).
  static void Materialize(ColumnBatch& out) {
    AppendGathered(*out.dictionary, out.indices.data(), static_cast<int64_t>(out.indices.size()),
                   out.values);
    AddKeepAlive(out.dictionary->keep_alive, out.values);
    out.dictionary.reset();
    out.indices.clear();
  }

  Status PageError(const Page& page, std::string_view why) const {
    return Status::Corruption("{}: page at offset {}: {}", context_, page.offset, why);
  }

  // Loads the next data page (reading the dictionary page on the way).
  Result<bool> NextDataPage() {
    if (index_.has_value()) return NextIndexedPage();
    while (true) {
      // Every value of the chunk is read; what follows is not ours to parse.
      if (levels_left_ == 0) return false;
      FLOE_ASSIGN_OR_RETURN(std::optional<Page> page, pages_->Next());
      if (!page.has_value()) {
        if (levels_left_ > 0) {
          return Status::Corruption("{}: chunk ended with {} of its values unread", context_,
                                    levels_left_);
        }
        return false;
      }
      if (page->kind == PageKind::kDictionary) {
        FLOE_RETURN_NOT_OK(ReadDictionary(*page));
        continue;
      }
      FLOE_RETURN_NOT_OK(LoadDataPage(*page));
      if (page_levels_ == 0) continue;
      return true;
    }
  }

  Status ReadDictionary(const Page& page) {
    if (dictionary_ != nullptr) return PageError(page, "a second dictionary page");
    int32_t enc = page.encoding();
    if (enc != format::Encoding::PLAIN && enc != format::Encoding::PLAIN_DICTIONARY) {
      return PageError(page, fmt::format("dictionary page encoding {}",
                                         ThriftEnumName(format::_Encoding_VALUES_TO_NAMES, enc)));
    }
    auto dict = std::make_shared<DecodedValues>();
    dict->physical_type = type_;
    dict->width = width_;
    int64_t n = page.num_values();
    Status st = DecodePlain(page, n, *dict);
    if (!st.ok()) return st.WithContext("{}: dictionary page at offset {}", context_, page.offset);
    dictionary_ = std::move(dict);
    return Status::OK();
  }

  Status DecodePlain(const Page& page, int64_t n, DecodedValues& out) {
    // The count comes from the page header: check it against the bytes before
    // sizing anything by it.
    const int64_t min_bytes = type_ == PhysicalType::kBoolean     ? (n + 7) / 8
                              : type_ == PhysicalType::kByteArray ? n * 4
                                                                  : n * width_;
    if (n < 0 || min_bytes > page.data_size) {
      return Status::Corruption("PLAIN: {} values need at least {} bytes, page has {}", n,
                                min_bytes, page.data_size);
    }
    PlainDecoder plain(page.data, page.data_size);
    out.count = n;
    if (IsBinary(type_)) {
      out.binary.resize(n);
      FLOE_RETURN_NOT_OK(type_ == PhysicalType::kByteArray
                             ? plain.GetByteArrays(n, out.binary.data())
                             : plain.GetFixedRefs(width_, n, out.binary.data()));
      out.keep_alive.push_back(page.owner);
    } else if (type_ == PhysicalType::kBoolean) {
      out.fixed.resize(n);
      FLOE_RETURN_NOT_OK(plain.GetBooleans(n, out.fixed.data()));
    } else {
      out.fixed.resize(n * width_);
      FLOE_RETURN_NOT_OK(plain.GetFixed(width_, n, out.fixed.data()));
    }
    return Status::OK();
  }

  // Decodes `count` levels of max `max_level` in `encoding` from data[0, size);
  // returns the bytes used.
  Result<int64_t> DecodeLevels(const Page& page, const uint8_t* data, int64_t size,
                               int32_t encoding, int16_t max_level, int64_t count, bool v1_prefix,
                               std::vector<int16_t>& levels) {
    levels.resize(count);
    const int width = BitWidth(static_cast<uint64_t>(max_level));
    int64_t used = 0;
    if (encoding == format::Encoding::RLE) {
      int64_t len = size;
      const uint8_t* p = data;
      if (v1_prefix) {
        if (size < 4) return PageError(page, "level length cut off");
        uint32_t l;
        std::memcpy(&l, data, 4);
        if (l > size - 4) return PageError(page, fmt::format("levels claim {} bytes", l));
        len = l;
        p = data + 4;
        used = 4 + len;
      } else {
        used = size;
      }
      FLOE_ASSIGN_OR_RETURN(auto dec, RleBitPackedDecoder::Make(p, len, width));
      FLOE_ASSIGN_OR_RETURN(int64_t got, dec.GetBatch(levels.data(), count));
      if (got != count) {
        return PageError(page, fmt::format("{} of {} levels present", got, count));
      }
    } else if (encoding == format::Encoding::BIT_PACKED) {
      // Deprecated: packed from the most significant bit of each byte.
      int64_t bytes = (count * width + 7) / 8;
      if (bytes > size) return PageError(page, "bit-packed levels run past the page");
      for (int64_t i = 0; i < count; ++i) {
        int v = 0;
        for (int b = 0; b < width; ++b) {
          int64_t bit = i * width + b;
          v = (v << 1) | ((data[bit >> 3] >> (7 - (bit & 7))) & 1);
        }
        levels[i] = static_cast<int16_t>(v);
      }
      used = bytes;
    } else {
      return PageError(page,
                       fmt::format("level encoding {}",
                                   ThriftEnumName(format::_Encoding_VALUES_TO_NAMES, encoding)));
    }
    int16_t highest = 0;
    for (int64_t i = 0; i < count; ++i) highest = std::max(highest, levels[i]);
    if (highest > max_level) {
      for (int64_t i = 0; i < count; ++i) {
        if (levels[i] > max_level) {
          return PageError(page, fmt::format("level {} at entry {} exceeds the maximum {}",
                                             levels[i], i, max_level));
        }
      }
    }
    return used;
  }

  Status LoadDataPage(const Page& page) {
    int64_t n = page.num_values();
    if (n > kMaxLevelsPerPage) return PageError(page, fmt::format("{} values in one page", n));
    if (n > levels_left_) {
      return PageError(
          page, fmt::format("page holds {} values but the chunk has {} left", n, levels_left_));
    }
    levels_left_ -= n;
    const uint8_t* values = page.data;
    int64_t values_size = page.data_size;
    if (page.kind == PageKind::kDataV1) {
      const auto& h = page.header.data_page_header;
      int64_t used = 0;
      if (max_rep_ > 0) {
        FLOE_ASSIGN_OR_RETURN(used, DecodeLevels(page, values, values_size,
                                                 ThriftEnumValue(h.repetition_level_encoding),
                                                 max_rep_, n, true, rep_levels_));
        values += used;
        values_size -= used;
      }
      if (max_def_ > 0) {
        FLOE_ASSIGN_OR_RETURN(used, DecodeLevels(page, values, values_size,
                                                 ThriftEnumValue(h.definition_level_encoding),
                                                 max_def_, n, true, def_levels_));
        values += used;
        values_size -= used;
      }
    } else {
      const auto& h = page.header.data_page_header_v2;
      int64_t rep_len = h.repetition_levels_byte_length;
      int64_t def_len = h.definition_levels_byte_length;
      if (max_rep_ > 0) {
        FLOE_RETURN_NOT_OK(DecodeLevels(page, page.levels, rep_len, format::Encoding::RLE, max_rep_,
                                        n, false, rep_levels_)
                               .status());
      }
      if (max_def_ > 0) {
        FLOE_RETURN_NOT_OK(DecodeLevels(page, page.levels + rep_len, def_len, format::Encoding::RLE,
                                        max_def_, n, false, def_levels_)
                               .status());
      }
    }
    if (max_rep_ > 0 && n > 0 && rep_levels_[0] != 0) {
      // A page reached through the offset index must start a row.
      if (jumped_) misaligned_ = true;
      if (first_page_ && !jumped_) {
        return PageError(page, "the first record starts with a repetition level above 0");
      }
    }
    first_page_ = false;
    int64_t num_values = n;
    if (max_def_ > 0) {
      num_values = 0;
      const int16_t* def = def_levels_.data();
      for (int64_t i = 0; i < n; ++i) num_values += def[i] == max_def_ ? 1 : 0;
    }
    page_all_defined_ =
        options_.omit_full_definition_levels && max_def_ == 1 && max_rep_ == 0 && num_values == n;
    Page values_page = page;  // the values section, for the decoders
    values_page.data = values;
    values_page.data_size = values_size;
    FLOE_RETURN_NOT_OK(DecodeValues(values_page, num_values));
    page_levels_ = n;
    level_pos_ = 0;
    value_pos_ = 0;
    page_value_count_ = num_values;
    return Status::OK();
  }

  Status DecodeValues(const Page& page, int64_t n) {
    const int32_t enc = page.encoding();
    page_values_.Clear();
    page_is_dictionary_ = false;
    auto unsupported = [&]() {
      return Status::NotSupported(
          "{}: page at offset {}: encoding {} for {} values", context_, page.offset,
          ThriftEnumName(format::_Encoding_VALUES_TO_NAMES, enc), PhysicalTypeName(type_));
    };
    auto with_context = [&](Status st) {
      return st.ok() ? st : st.WithContext("{}: page at offset {}", context_, page.offset);
    };
    switch (enc) {
      case format::Encoding::PLAIN:
        return with_context(DecodePlain(page, n, page_values_));
      case format::Encoding::PLAIN_DICTIONARY:
      case format::Encoding::RLE_DICTIONARY: {
        if (dictionary_ == nullptr)
          return PageError(page, "dictionary-encoded page without a dictionary");
        page_is_dictionary_ = true;
        page_indices_.resize(n);
        if (n == 0) return Status::OK();
        if (page.data_size < 1) return PageError(page, "dictionary indices missing");
        FLOE_ASSIGN_OR_RETURN(
            auto dec, RleBitPackedDecoder::Make(page.data + 1, page.data_size - 1, page.data[0]));
        FLOE_ASSIGN_OR_RETURN(int64_t got, dec.GetBatch(page_indices_.data(), n));
        if (got != n)
          return PageError(page, fmt::format("{} of {} dictionary indices present", got, n));
        const uint32_t size = static_cast<uint32_t>(dictionary_->count);
        for (uint32_t i : page_indices_) {
          if (i >= size) {
            return PageError(page,
                             fmt::format("dictionary index {} out of range ({} entries)", i, size));
          }
        }
        return Status::OK();
      }
      case format::Encoding::RLE: {
        if (type_ != PhysicalType::kBoolean) return unsupported();
        if (page.data_size < 4) return PageError(page, "boolean RLE length cut off");
        uint32_t len;
        std::memcpy(&len, page.data, 4);
        if (len > page.data_size - 4) return PageError(page, "boolean RLE data runs past the page");
        FLOE_ASSIGN_OR_RETURN(auto dec, RleBitPackedDecoder::Make(page.data + 4, len, 1));
        page_values_.fixed.resize(n);
        FLOE_ASSIGN_OR_RETURN(int64_t got, dec.GetBatch(page_values_.fixed.data(), n));
        if (got != n) return PageError(page, "boolean RLE data ends early");
        page_values_.count = n;
        return Status::OK();
      }
      case format::Encoding::DELTA_BINARY_PACKED: {
        if (type_ == PhysicalType::kInt32) return with_context(DecodeDelta<int32_t>(page, n));
        if (type_ == PhysicalType::kInt64) return with_context(DecodeDelta<int64_t>(page, n));
        return unsupported();
      }
      case format::Encoding::DELTA_LENGTH_BYTE_ARRAY: {
        if (type_ != PhysicalType::kByteArray) return unsupported();
        Result<DeltaLengthByteArrayDecoder> dec =
            DeltaLengthByteArrayDecoder::Make(page.data, page.data_size, n);
        if (!dec.has_value()) return with_context(dec.error());
        page_values_.binary = dec->values();
        page_values_.count = n;
        page_values_.keep_alive.push_back(page.owner);
        return Status::OK();
      }
      case format::Encoding::DELTA_BYTE_ARRAY: {
        if (!IsBinary(type_)) return unsupported();
        Result<DeltaByteArrayDecoder> dec =
            DeltaByteArrayDecoder::Make(page.data, page.data_size, n);
        if (!dec.has_value()) return with_context(dec.error());
        if (type_ == PhysicalType::kFixedLenByteArray) {
          for (const ByteArrayRef& v : dec->values()) {
            if (static_cast<int32_t>(v.length) != width_) {
              return PageError(page, fmt::format("value of {} bytes in a FIXED_LEN_BYTE_ARRAY({})",
                                                 v.length, width_));
            }
          }
        }
        page_values_.binary = dec->values();
        page_values_.count = n;
        page_values_.keep_alive.push_back(dec->buffer());
        return Status::OK();
      }
      case format::Encoding::BYTE_STREAM_SPLIT: {
        if (type_ == PhysicalType::kBoolean || type_ == PhysicalType::kByteArray ||
            type_ == PhysicalType::kInt96) {
          return unsupported();
        }
        if (n * width_ != page.data_size) {
          return PageError(page, fmt::format("BYTE_STREAM_SPLIT: {} values of {} bytes but the "
                                             "page holds {} bytes",
                                             n, width_, page.data_size));
        }
        FLOE_ASSIGN_OR_RETURN(std::unique_ptr<Buffer> buf, Buffer::Allocate(n * width_));
        FLOE_RETURN_NOT_OK(with_context(
            DecodeByteStreamSplit(page.data, page.data_size, width_, n, buf->mutable_data())));
        if (type_ == PhysicalType::kFixedLenByteArray) {
          page_values_.binary.resize(n);
          for (int64_t i = 0; i < n; ++i) {
            page_values_.binary[i] =
                ByteArrayRef{buf->data() + i * width_, static_cast<uint32_t>(width_)};
          }
          page_values_.keep_alive.push_back(std::shared_ptr<const Buffer>(std::move(buf)));
        } else {
          page_values_.fixed.assign(buf->data(), buf->data() + n * width_);
        }
        page_values_.count = n;
        return Status::OK();
      }
      default:
        return unsupported();
    }
  }

  template <typename T>
  Status DecodeDelta(const Page& page, int64_t n) {
    FLOE_ASSIGN_OR_RETURN(auto dec, DeltaBinaryPackedDecoder<T>::Make(page.data, page.data_size));
    if (dec.total_values() < n) {  // checked before allocating for n values
      return Status::Corruption("DELTA_BINARY_PACKED header declares {} values, the page needs {}",
                                dec.total_values(), n);
    }
    page_values_.fixed.resize(n * sizeof(T));
    FLOE_ASSIGN_OR_RETURN(int64_t got,
                          dec.GetBatch(reinterpret_cast<T*>(page_values_.fixed.data()), n));
    if (got != n) {
      return Status::Corruption("DELTA_BINARY_PACKED holds {} of the page's {} values", got, n);
    }
    page_values_.count = n;
    return Status::OK();
  }

  ColumnChunkReaderOptions options_;
  std::string context_;
  PhysicalType type_ = PhysicalType::kBoolean;
  int32_t width_ = 0;
  int16_t max_def_ = 0;
  int16_t max_rep_ = 0;
  int64_t levels_left_ = 0;  // level entries of the chunk not yet in a page
  bool first_page_ = true;
  std::unique_ptr<PageReader> pages_;
  std::shared_ptr<const DecodedValues> dictionary_;
  int64_t row_pos_ = 0;  // records before the current position

  // Index mode (MakeIndexed).
  std::optional<OffsetIndex> index_;
  std::vector<bool> fetched_;  // per index page
  bool all_fetched_ = false;
  bool jumps_enabled_ = false;
  bool prefix_read_ = false;  // the bytes before the first data page
  size_t next_page_ = 0;      // the index page to load next
  size_t current_page_ = 0;   // the index page loaded last
  bool jumped_ = false;       // loading a page reached by skipping
  bool misaligned_ = false;   // ... and it did not start a row
  int64_t pages_skipped_ = 0;

  // The current data page, fully decoded.
  bool page_all_defined_ = false;  // omittable: every level is max_def_ (see options)
  std::vector<int16_t> def_levels_;
  std::vector<int16_t> rep_levels_;
  int64_t page_levels_ = 0;
  int64_t level_pos_ = 0;
  bool page_is_dictionary_ = false;
  std::vector<uint32_t> page_indices_;
  DecodedValues page_values_;
  int64_t page_value_count_ = 0;
  int64_t value_pos_ = 0;
};

}  // namespace

const ColumnDescriptor& ColumnChunkReader::descriptor() const {
  return metadata_->schema().column(column_);
}

int64_t ColumnChunkReader::num_records() const { return metadata_->row_group(row_group_).num_rows; }

Result<std::unique_ptr<ColumnChunkReader>> ColumnChunkReader::Make(
    std::shared_ptr<const ParquetFileMetadata> metadata, int32_t row_group, int32_t column,
    std::shared_ptr<const Buffer> chunk, int64_t chunk_offset, ColumnChunkReaderOptions options) {
  if (row_group < 0 || row_group >= metadata->num_row_groups() || column < 0 ||
      column >= metadata->schema().num_columns()) {
    return Status::InvalidArgument("parquet: {}: no column {} in row group {}",
                                   metadata->location(), column, row_group);
  }
  auto reader = std::make_unique<ColumnChunkReaderImpl>();
  std::vector<ChunkSegment> segments;
  segments.push_back({chunk_offset, std::move(chunk)});
  FLOE_RETURN_NOT_OK(reader->Init(std::move(metadata), row_group, column, std::move(segments),
                                  std::nullopt, options));
  return std::unique_ptr<ColumnChunkReader>(std::move(reader));
}

Result<std::unique_ptr<ColumnChunkReader>> ColumnChunkReader::MakeIndexed(
    std::shared_ptr<const ParquetFileMetadata> metadata, int32_t row_group, int32_t column,
    std::vector<ChunkSegment> segments, OffsetIndex offset_index,
    ColumnChunkReaderOptions options) {
  if (row_group < 0 || row_group >= metadata->num_row_groups() || column < 0 ||
      column >= metadata->schema().num_columns()) {
    return Status::InvalidArgument("parquet: {}: no column {} in row group {}",
                                   metadata->location(), column, row_group);
  }
  auto reader = std::make_unique<ColumnChunkReaderImpl>();
  FLOE_RETURN_NOT_OK(reader->Init(std::move(metadata), row_group, column, std::move(segments),
                                  std::move(offset_index), options));
  return std::unique_ptr<ColumnChunkReader>(std::move(reader));
}

}  // namespace floe::parquet
