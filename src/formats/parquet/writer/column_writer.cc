#include "formats/parquet/writer/column_writer.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string_view>
#include <type_traits>

#include "formats/parquet/encoding/bit_packing.h"
#include "formats/parquet/encoding/rle_bit_packed.h"
#include "formats/parquet/writer/dictionary_encoder.h"
#include "formats/parquet/writer/page_writer.h"
#include "formats/parquet/writer/plain_encoder.h"
#include "formats/parquet/writer/value_gatherer.h"

namespace floe::parquet {

namespace {

namespace pf = ::floe::parquet::format;

// Page and dictionary sizes are checked between mini batches of at most this
// many rows (and, for repeated columns, about this many levels).
constexpr int64_t kMiniBatchRows = 512;
constexpr int64_t kMiniBatchLevels = 4096;

void AppendLengthPrefixed(std::vector<uint8_t>& out, const std::vector<uint8_t>& bytes) {
  const auto length = static_cast<uint32_t>(bytes.size());
  const size_t at = out.size();
  out.resize(at + 4);
  std::memcpy(out.data() + at, &length, 4);
  out.insert(out.end(), bytes.begin(), bytes.end());
}

pf::Statistics ToThrift(const EncodedStatistics& stats, bool signed_order, bool with_nan_count) {
  pf::Statistics out;
  out.__set_null_count(stats.null_count);
  if (stats.min) {
    out.__set_min_value(*stats.min);
    out.__set_is_min_value_exact(stats.min_exact);
    // The deprecated fields are always in signed order; old readers use them.
    if (signed_order) out.__set_min(*stats.min);
  }
  if (stats.max) {
    out.__set_max_value(*stats.max);
    out.__set_is_max_value_exact(stats.max_exact);
    if (signed_order) out.__set_max(*stats.max);
  }
  if (with_nan_count) out.__set_nan_count(stats.nan_count);
  return out;
}

template <typename T>
class TypedColumnWriter final : public ColumnWriter {
  static constexpr bool kIsBytes = std::is_same_v<T, std::string_view>;
  static constexpr bool kIsBool = std::is_same_v<T, bool>;
  static constexpr bool kIsFloat = std::is_floating_point_v<T>;
  using Stats = TypedStatistics<T>;

 public:
  TypedColumnWriter(const LeafColumn& leaf, const ParquetWriterOptions& options, const Codec& codec,
                    pf::CompressionCodec::type thrift_codec)
      : leaf_(leaf),
        options_(options),
        thrift_codec_(thrift_codec),
        pages_(codec, thrift_codec, options.write_page_crc),
        gatherer_(leaf),
        def_width_(BitWidth(static_cast<uint64_t>(leaf.max_definition_level))),
        rep_width_(BitWidth(static_cast<uint64_t>(leaf.max_repetition_level))),
        def_encoder_(def_width_),
        rep_encoder_(rep_width_),
        plain_(FixedLength()),
        page_stats_(SignedBytes()),
        chunk_stats_(SignedBytes()),
        file_stats_(SignedBytes()) {
    const bool truncatable = leaf.physical_type == pf::Type::BYTE_ARRAY;
    const bool utf8 = leaf.type.id() == TypeId::kString;
    stats_truncation_ = {options.statistics_truncate_length, truncatable, utf8};
    index_truncation_ = {options.column_index_truncate_length, truncatable, utf8};
    StartChunk();
  }

  Status Write(const LeafBatch& batch) override {
    std::span<const T> values;
    if (!batch.value_indices.empty()) values = gatherer_.Gather(*batch.values, batch.value_indices);
    const int16_t* def = batch.def_levels.empty() ? nullptr : batch.def_levels.data();
    const int16_t* rep = batch.rep_levels.empty() ? nullptr : batch.rep_levels.data();
    int64_t level = 0;
    int64_t value = 0;
    while (level < batch.num_levels) {
      const MiniBatch mb = NextMiniBatch(def, rep, level, batch.num_levels, values.data(), value);
      AddToPage(def == nullptr ? nullptr : def + level, rep == nullptr ? nullptr : rep + level, mb,
                values.data() + value);
      level += mb.levels;
      value += mb.values;
      if (dictionary_ && dictionary_->encoded_size() >= options_.dictionary_page_size_limit) {
        FLOE_RETURN_NOT_OK(FlushPage());
        FLOE_RETURN_NOT_OK(CloseDictionary());
        dictionary_.reset();
      } else if (page_rows_ >= options_.max_rows_per_page ||
                 EstimatedPageSize() >= options_.page_size) {
        FLOE_RETURN_NOT_OK(FlushPage());
      }
    }
    return Status::OK();
  }

  int64_t EstimatedChunkSize() const override {
    int64_t size = pages_.buffered_size() + EstimatedPageSize();
    if (dictionary_) size += dictionary_->encoded_size();
    return size;
  }

  Result<FinishedColumnChunk> FinishChunk() override {
    FLOE_RETURN_NOT_OK(FlushPage());
    if (dictionary_) FLOE_RETURN_NOT_OK(CloseDictionary());
    FinishedColumnChunk out;
    const auto dictionary_size = static_cast<int64_t>(pages_.dictionary_page().size());

    pf::ColumnMetaData& md = out.metadata;
    md.__set_type(leaf_.physical_type);
    md.__set_encodings(ChunkEncodings());
    md.__set_path_in_schema(leaf_.path);
    md.__set_codec(thrift_codec_);
    md.__set_num_values(chunk_levels_);
    md.__set_total_uncompressed_size(pages_.total_uncompressed_size());
    md.__set_total_compressed_size(pages_.total_compressed_size());
    md.__set_data_page_offset(dictionary_size);
    if (dictionary_size > 0) md.__set_dictionary_page_offset(0);
    if (options_.write_statistics) {
      md.__set_statistics(
          ToThrift(chunk_stats_.Encode(stats_truncation_), leaf_.signed_sort_order, kIsFloat));
    }
    md.__set_encoding_stats(EncodingStats(dictionary_size > 0));

    std::vector<pf::PageLocation> locations;
    for (const DataPageLocation& page : pages_.locations()) {
      pf::PageLocation location;
      location.__set_offset(dictionary_size + page.offset);
      location.__set_compressed_page_size(page.size);
      location.__set_first_row_index(page.first_row);
      locations.push_back(location);
    }
    out.offset_index.__set_page_locations(std::move(locations));
    if (options_.write_page_index && column_index_valid_) out.column_index = BuildColumnIndex();

    out.dictionary_page = pages_.TakeDictionaryPage();
    out.data_pages = pages_.TakeDataPages();
    file_stats_.Merge(chunk_stats_);
    total_value_count_ += chunk_levels_;
    StartChunk();
    return out;
  }

  int64_t total_value_count() const override { return total_value_count_; }
  EncodedStatistics FileStatistics() const override {
    return file_stats_.Encode(stats_truncation_);
  }

 private:
  struct MiniBatch {
    int64_t levels;
    int64_t rows;
    int64_t values;
  };

  int32_t FixedLength() const {
    return leaf_.physical_type == pf::Type::FIXED_LEN_BYTE_ARRAY ? leaf_.type_length : 0;
  }
  bool SignedBytes() const { return leaf_.order == ValueOrder::kSignedBigEndian; }
  bool v2() const { return options_.data_page_version == DataPageVersion::kV2; }
  // Booleans in v2 pages are RLE-encoded, as parquet-mr writes them.
  bool BooleanRle() const { return kIsBool && v2(); }

  void StartChunk() {
    pages_.Reset();
    chunk_stats_.Reset();
    chunk_rows_ = 0;
    chunk_levels_ = 0;
    dictionary_pages_ = 0;
    if constexpr (!kIsBool) {
      if (options_.enable_dictionary) {
        dictionary_ = std::make_unique<DictionaryEncoder<T>>(FixedLength());
      }
    }
    null_pages_.clear();
    min_values_.clear();
    max_values_.clear();
    null_counts_.clear();
    nan_counts_.clear();
    column_index_valid_ = true;
    ascending_ = true;
    descending_ = true;
    has_previous_bounds_ = false;
  }

  // The next run of whole rows to add to the open page.
  MiniBatch NextMiniBatch(const int16_t* def, const int16_t* rep, int64_t begin, int64_t end,
                          const T* values, int64_t first_value) const {
    const int64_t max_rows = std::min(kMiniBatchRows, options_.max_rows_per_page - page_rows_);
    const int16_t max_def = leaf_.max_definition_level;
    if (rep == nullptr && !kIsBytes) {
      const int64_t levels = std::min(end - begin, max_rows);
      int64_t count = levels;
      if (def != nullptr) {
        count = 0;
        for (int64_t i = begin; i < begin + levels; ++i) count += def[i] == max_def ? 1 : 0;
      }
      return {levels, levels, count};
    }
    // Byte arrays: stop once the values would fill the page.
    const int64_t byte_budget =
        kIsBytes ? std::max<int64_t>(options_.page_size - EstimatedPageSize(), 0) : INT64_MAX;
    int64_t i = begin;
    int64_t rows = 0;
    int64_t count = 0;
    int64_t bytes = 0;
    for (; i < end; ++i) {
      if (rep == nullptr || rep[i] == 0) {
        if (rows == max_rows) break;
        if (rows > 0 && (i - begin >= kMiniBatchLevels || bytes >= byte_budget)) break;
        ++rows;
      }
      if (def == nullptr || def[i] == max_def) {
        if constexpr (kIsBytes)
          bytes += static_cast<int64_t>(values[first_value + count].size()) + 4;
        ++count;
      }
    }
    return {i - begin, rows, count};
  }

  void AddToPage(const int16_t* def, const int16_t* rep, const MiniBatch& mb, const T* values) {
    if (def != nullptr && rep == nullptr && mb.values == mb.levels) {
      // Flat and no NULL in the mini-batch: every level is the maximum.
      def_encoder_.PutRepeated(static_cast<uint32_t>(leaf_.max_definition_level), mb.levels);
    } else if (def != nullptr) {
      for (int64_t i = 0; i < mb.levels; ++i) def_encoder_.Put(static_cast<uint32_t>(def[i]));
    }
    if (rep != nullptr) {
      for (int64_t i = 0; i < mb.levels; ++i) rep_encoder_.Put(static_cast<uint32_t>(rep[i]));
    }
    const int64_t nulls = mb.levels - mb.values;
    page_levels_ += mb.levels;
    page_rows_ += mb.rows;
    page_values_ += mb.values;
    page_nulls_ += nulls;
    page_stats_.Update(values, mb.values);
    page_stats_.AddNulls(nulls);
    if constexpr (kIsBool) {
      if (BooleanRle()) {
        for (int64_t i = 0; i < mb.values; ++i) boolean_rle_.Put(values[i] ? 1 : 0);
        return;
      }
    } else {
      if (dictionary_) {
        for (int64_t i = 0; i < mb.values; ++i) {
          dictionary_indices_.push_back(dictionary_->GetOrInsert(values[i]));
        }
        return;
      }
    }
    plain_.Put(values, mb.values);
  }

  int DictionaryBitWidth() const {
    return std::max(1, BitWidth(static_cast<uint64_t>(std::max<int64_t>(
                           dictionary_ ? dictionary_->num_entries() - 1 : 0, 0))));
  }

  int64_t EstimatedPageSize() const {
    int64_t size = (page_levels_ * (def_width_ + rep_width_) + 7) / 8;
    if constexpr (kIsBool) {
      if (BooleanRle()) return size + (boolean_rle_.size() + 7) / 8;
    } else {
      if (dictionary_) {
        return size + 1 +
               (static_cast<int64_t>(dictionary_indices_.size()) * DictionaryBitWidth() + 7) / 8;
      }
    }
    return size + plain_.size();
  }

  // Encodes and hands the open page to the page writer.
  Status FlushPage() {
    if (page_levels_ == 0) return Status::OK();
    if (page_levels_ > std::numeric_limits<int32_t>::max()) {
      return Status::InvalidArgument(
          "parquet writer: column '{}': a page of {} values exceeds the format's limit",
          leaf_.dotted_path, page_levels_);
    }
    rep_bytes_.clear();
    def_bytes_.clear();
    if (rep_width_ > 0) rep_encoder_.FinishInto(rep_bytes_);
    if (def_width_ > 0) def_encoder_.FinishInto(def_bytes_);

    pf::Encoding::type encoding = pf::Encoding::PLAIN;
    std::span<const uint8_t> values(plain_.buffer());
    if constexpr (kIsBool) {
      if (BooleanRle()) {
        // RLE-encoded booleans carry a 4-byte length, like v1 levels.
        values_bytes_.clear();
        std::vector<uint8_t> runs;
        boolean_rle_.FinishInto(runs);
        AppendLengthPrefixed(values_bytes_, runs);
        values = values_bytes_;
        encoding = pf::Encoding::RLE;
      }
    } else {
      if (dictionary_ && page_values_ > 0) {
        const int width = DictionaryBitWidth();
        values_bytes_.assign(1, static_cast<uint8_t>(width));
        RleBitPackedEncoder indices(width);
        for (uint32_t index : dictionary_indices_) indices.Put(index);
        indices.FinishInto(values_bytes_);
        values = values_bytes_;
        encoding = pf::Encoding::RLE_DICTIONARY;
        ++dictionary_pages_;
      }
    }

    if (v2()) {
      FLOE_RETURN_NOT_OK(
          pages_.WriteDataPageV2(rep_bytes_, def_bytes_, values, static_cast<int32_t>(page_levels_),
                                 static_cast<int32_t>(page_nulls_),
                                 static_cast<int32_t>(page_rows_), encoding, chunk_rows_));
    } else {
      body_.clear();
      if (rep_width_ > 0) AppendLengthPrefixed(body_, rep_bytes_);
      if (def_width_ > 0) AppendLengthPrefixed(body_, def_bytes_);
      body_.insert(body_.end(), values.begin(), values.end());
      FLOE_RETURN_NOT_OK(
          pages_.WriteDataPageV1(body_, static_cast<int32_t>(page_levels_), encoding, chunk_rows_));
    }

    RecordPageIndexEntry();
    chunk_stats_.Merge(page_stats_);
    chunk_rows_ += page_rows_;
    chunk_levels_ += page_levels_;
    page_levels_ = 0;
    page_rows_ = 0;
    page_values_ = 0;
    page_nulls_ = 0;
    page_stats_.Reset();
    plain_.Clear();
    dictionary_indices_.clear();
    return Status::OK();
  }

  void RecordPageIndexEntry() {
    if (!options_.write_page_index) return;
    null_pages_.push_back(page_values_ == 0);
    null_counts_.push_back(page_nulls_);
    if constexpr (kIsFloat) nan_counts_.push_back(page_stats_.nan_count());
    if (!page_stats_.has_bounds()) {
      // A page of only NULLs has empty bounds. A page whose values are all
      // NaN has none, and TypeDefinedOrder then forbids a column index.
      if (page_values_ > 0) column_index_valid_ = false;
      min_values_.emplace_back();
      max_values_.emplace_back();
      return;
    }
    const EncodedStatistics encoded = page_stats_.Encode(index_truncation_);
    min_values_.push_back(*encoded.min);
    max_values_.push_back(*encoded.max);
    if (has_previous_bounds_) {
      const int by_min =
          page_stats_.Compare(Stats::View(page_stats_.min()), Stats::View(previous_min_));
      const int by_max =
          page_stats_.Compare(Stats::View(page_stats_.max()), Stats::View(previous_max_));
      if (by_min < 0 || by_max < 0) ascending_ = false;
      if (by_min > 0 || by_max > 0) descending_ = false;
    }
    previous_min_ = page_stats_.min();
    previous_max_ = page_stats_.max();
    has_previous_bounds_ = true;
  }

  pf::ColumnIndex BuildColumnIndex() const {
    pf::ColumnIndex index;
    index.__set_null_pages(null_pages_);
    index.__set_min_values(min_values_);
    index.__set_max_values(max_values_);
    index.__set_boundary_order(ascending_    ? pf::BoundaryOrder::ASCENDING
                               : descending_ ? pf::BoundaryOrder::DESCENDING
                                             : pf::BoundaryOrder::UNORDERED);
    index.__set_null_counts(null_counts_);
    if constexpr (kIsFloat) index.__set_nan_counts(nan_counts_);
    return index;
  }

  Status CloseDictionary() {
    if constexpr (!kIsBool) {
      if (dictionary_pages_ > 0) {
        const std::vector<uint8_t> body = dictionary_->EncodePage();
        FLOE_RETURN_NOT_OK(
            pages_.WriteDictionaryPage(body, static_cast<int32_t>(dictionary_->num_entries())));
      }
    }
    return Status::OK();
  }

  std::vector<pf::Encoding::type> ChunkEncodings() const {
    std::vector<pf::Encoding::type> encodings;
    auto add = [&](pf::Encoding::type e) {
      if (std::find(encodings.begin(), encodings.end(), e) == encodings.end()) {
        encodings.push_back(e);
      }
    };
    if (!pages_.dictionary_page().empty()) add(pf::Encoding::PLAIN);
    if (def_width_ > 0 || rep_width_ > 0) add(pf::Encoding::RLE);
    for (const auto& [encoding, count] : pages_.data_page_encodings()) add(encoding);
    std::sort(encodings.begin(), encodings.end());
    return encodings;
  }

  std::vector<pf::PageEncodingStats> EncodingStats(bool has_dictionary) const {
    std::vector<pf::PageEncodingStats> stats;
    if (has_dictionary) {
      pf::PageEncodingStats s;
      s.__set_page_type(pf::PageType::DICTIONARY_PAGE);
      s.__set_encoding(pf::Encoding::PLAIN);
      s.__set_count(1);
      stats.push_back(s);
    }
    for (const auto& [encoding, count] : pages_.data_page_encodings()) {
      pf::PageEncodingStats s;
      s.__set_page_type(v2() ? pf::PageType::DATA_PAGE_V2 : pf::PageType::DATA_PAGE);
      s.__set_encoding(encoding);
      s.__set_count(count);
      stats.push_back(s);
    }
    return stats;
  }

  const LeafColumn& leaf_;
  const ParquetWriterOptions& options_;
  pf::CompressionCodec::type thrift_codec_;
  PageWriter pages_;
  ValueGatherer<T> gatherer_;
  BoundTruncation stats_truncation_;
  BoundTruncation index_truncation_;

  // The open page.
  int def_width_;
  int rep_width_;
  RleBitPackedEncoder def_encoder_;
  RleBitPackedEncoder rep_encoder_;
  PlainEncoder<T> plain_;
  RleBitPackedEncoder boolean_rle_{1};
  std::vector<uint32_t> dictionary_indices_;
  int64_t page_levels_ = 0;
  int64_t page_rows_ = 0;
  int64_t page_values_ = 0;
  int64_t page_nulls_ = 0;
  Stats page_stats_;

  // The open chunk.
  std::unique_ptr<DictionaryEncoder<T>> dictionary_;  // null once fallen back
  int64_t dictionary_pages_ = 0;                      // data pages that reference the dictionary
  int64_t chunk_rows_ = 0;
  int64_t chunk_levels_ = 0;
  Stats chunk_stats_;
  std::vector<bool> null_pages_;
  std::vector<std::string> min_values_;
  std::vector<std::string> max_values_;
  std::vector<int64_t> null_counts_;
  std::vector<int64_t> nan_counts_;
  bool column_index_valid_ = true;
  bool ascending_ = true;
  bool descending_ = true;
  bool has_previous_bounds_ = false;
  typename Stats::Stored previous_min_{};
  typename Stats::Stored previous_max_{};

  // The file.
  Stats file_stats_;
  int64_t total_value_count_ = 0;

  // Scratch buffers, kept between pages.
  std::vector<uint8_t> rep_bytes_;
  std::vector<uint8_t> def_bytes_;
  std::vector<uint8_t> values_bytes_;
  std::vector<uint8_t> body_;
};

}  // namespace

Result<std::unique_ptr<ColumnWriter>> ColumnWriter::Make(const LeafColumn& leaf,
                                                         const ParquetWriterOptions& options,
                                                         const Codec& codec) {
  FLOE_ASSIGN_OR_RETURN(pf::CompressionCodec::type thrift_codec,
                        ThriftCompressionCodec(codec.kind()));
  switch (leaf.physical_type) {
    case pf::Type::BOOLEAN:
      return std::unique_ptr<ColumnWriter>(
          std::make_unique<TypedColumnWriter<bool>>(leaf, options, codec, thrift_codec));
    case pf::Type::INT32:
      return std::unique_ptr<ColumnWriter>(
          std::make_unique<TypedColumnWriter<int32_t>>(leaf, options, codec, thrift_codec));
    case pf::Type::INT64:
      return std::unique_ptr<ColumnWriter>(
          std::make_unique<TypedColumnWriter<int64_t>>(leaf, options, codec, thrift_codec));
    case pf::Type::FLOAT:
      return std::unique_ptr<ColumnWriter>(
          std::make_unique<TypedColumnWriter<float>>(leaf, options, codec, thrift_codec));
    case pf::Type::DOUBLE:
      return std::unique_ptr<ColumnWriter>(
          std::make_unique<TypedColumnWriter<double>>(leaf, options, codec, thrift_codec));
    case pf::Type::BYTE_ARRAY:
    case pf::Type::FIXED_LEN_BYTE_ARRAY:
      return std::unique_ptr<ColumnWriter>(std::make_unique<TypedColumnWriter<std::string_view>>(
          leaf, options, codec, thrift_codec));
    default:
      break;
  }
  return Status::Internal("parquet writer: column '{}' has physical type {}", leaf.dotted_path,
                          static_cast<int>(leaf.physical_type));
}

}  // namespace floe::parquet
