#include "formats/parquet/page_reader.h"

#include <zlib.h>

#include <cstring>

#include "formats/parquet/thrift_enum.h"
#include "formats/parquet/thrift_serde.h"

namespace floe::parquet {

int32_t Page::num_values() const {
  switch (kind) {
    case PageKind::kDictionary:
      return header.dictionary_page_header.num_values;
    case PageKind::kDataV1:
      return header.data_page_header.num_values;
    case PageKind::kDataV2:
      return header.data_page_header_v2.num_values;
  }
  return 0;
}

int32_t Page::encoding() const {
  switch (kind) {
    case PageKind::kDictionary:
      return ThriftEnumValue(header.dictionary_page_header.encoding);
    case PageKind::kDataV1:
      return ThriftEnumValue(header.data_page_header.encoding);
    case PageKind::kDataV2:
      return ThriftEnumValue(header.data_page_header_v2.encoding);
  }
  return 0;
}

Result<std::unique_ptr<PageReader>> PageReader::Make(std::shared_ptr<const Buffer> chunk,
                                                     int64_t chunk_offset, CompressionKind codec,
                                                     bool verify_crc, std::string context) {
  std::vector<ChunkSegment> segments;
  segments.push_back({chunk_offset, std::move(chunk)});
  return Make(std::move(segments), codec, verify_crc, std::move(context));
}

Result<std::unique_ptr<PageReader>> PageReader::Make(std::vector<ChunkSegment> segments,
                                                     CompressionKind codec, bool verify_crc,
                                                     std::string context) {
  for (size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].data == nullptr ||
        (i > 0 && segments[i].offset < segments[i - 1].offset + segments[i - 1].data->size())) {
      return Status::InvalidArgument("{}: chunk segments overlap or are out of order", context);
    }
  }
  FLOE_ASSIGN_OR_RETURN(auto c, Codec::Make(codec));
  return std::make_unique<PageReader>(std::move(segments), std::move(c), verify_crc,
                                      std::move(context));
}

int PageReader::FindSegment(int64_t offset) const {
  for (size_t i = 0; i < segments_.size(); ++i) {
    const ChunkSegment& s = segments_[i];
    if (offset >= s.offset && offset < s.offset + s.data->size()) return static_cast<int>(i);
  }
  return -1;
}

Status PageReader::Seek(int64_t offset) {
  const int i = FindSegment(offset);
  if (i < 0) {
    return Status::InvalidArgument("{}: no page at offset {} was fetched", context_, offset);
  }
  segment_ = static_cast<size_t>(i);
  pos_ = offset - segments_[segment_].offset;
  return Status::OK();
}

int64_t PageReader::position() const {
  if (segment_ >= segments_.size()) return 0;
  return segments_[segment_].offset + pos_;
}

Result<PageHeaderInfo> PageReader::HeaderAt(int64_t offset) const {
  const int i = FindSegment(offset);
  if (i < 0) {
    return Status::InvalidArgument("{}: no page at offset {} was fetched", context_, offset);
  }
  const ChunkSegment& seg = segments_[static_cast<size_t>(i)];
  const int64_t at = offset - seg.offset;
  const int64_t remaining = seg.data->size() - at;
  auto error = [&](std::string why) {
    return Status::Corruption("{}: page at offset {}: {}", context_, offset, why);
  };
  format::PageHeader h;
  uint32_t limit = static_cast<uint32_t>(std::min<int64_t>(remaining, UINT32_MAX));
  Result<uint32_t> consumed = DeserializeThrift(seg.data->data() + at, limit, &h);
  if (!consumed.has_value()) return error("invalid page header: " + consumed.error().message());
  PageHeaderInfo info;
  info.type = ThriftEnumValue(h.type);
  if (!IsKnownThriftEnum(format::_PageType_VALUES_TO_NAMES, info.type)) {
    return error(fmt::format("unknown page type {}", info.type));
  }
  if (h.compressed_page_size < 0 || h.compressed_page_size > remaining - *consumed) {
    return error(fmt::format("page of {} bytes runs past the fetched bytes ({} left)",
                             h.compressed_page_size, remaining - *consumed));
  }
  info.total_size = *consumed + int64_t{h.compressed_page_size};
  if (info.type == format::PageType::DATA_PAGE && h.__isset.data_page_header) {
    info.num_values = h.data_page_header.num_values;
  } else if (info.type == format::PageType::DATA_PAGE_V2 && h.__isset.data_page_header_v2) {
    info.num_values = h.data_page_header_v2.num_values;
    info.num_rows = h.data_page_header_v2.num_rows;
  } else if (info.type == format::PageType::DICTIONARY_PAGE && h.__isset.dictionary_page_header) {
    info.num_values = h.dictionary_page_header.num_values;
  }
  return info;
}

namespace {

bool KnownEncoding(int32_t e) { return IsKnownThriftEnum(format::_Encoding_VALUES_TO_NAMES, e); }

}  // namespace

Status PageReader::Decompress(const uint8_t* in, int64_t in_size, int64_t out_size, Page& page,
                              int64_t prefix_size) {
  // prefix_size bytes of `in` (v2 levels) are copied as they are, in front.
  FLOE_ASSIGN_OR_RETURN(std::unique_ptr<Buffer> out, Buffer::Allocate(prefix_size + out_size));
  if (prefix_size > 0) std::memcpy(out->mutable_data(), in, prefix_size);
  Status st = codec_->Decompress(
      std::span<const uint8_t>(in + prefix_size, static_cast<size_t>(in_size - prefix_size)),
      std::span<uint8_t>(out->mutable_data() + prefix_size, static_cast<size_t>(out_size)));
  if (!st.ok()) {
    return st.WithContext("{}: page at offset {}", context_, page.offset);
  }
  page.levels = out->data();
  page.data = out->data() + prefix_size;
  page.data_size = out_size;
  page.owner = std::move(out);
  return Status::OK();
}

Result<std::optional<Page>> PageReader::Next() {
  if (segment_ >= segments_.size()) return std::optional<Page>();
  const std::shared_ptr<const Buffer>& chunk = segments_[segment_].data;
  const int64_t size = chunk->size();
  while (pos_ < size) {
    Page page;
    page.offset = segments_[segment_].offset + pos_;
    const uint8_t* start = chunk->data() + pos_;
    int64_t remaining = size - pos_;
    auto error = [&](std::string why) {
      return Status::Corruption("{}: page at offset {}: {}", context_, page.offset, why);
    };
    uint32_t limit = static_cast<uint32_t>(std::min<int64_t>(remaining, UINT32_MAX));
    Result<uint32_t> consumed = DeserializeThrift(start, limit, &page.header);
    if (!consumed.has_value()) return error("invalid page header: " + consumed.error().message());
    const format::PageHeader& h = page.header;
    int32_t type = ThriftEnumValue(h.type);
    int64_t compressed = h.compressed_page_size;
    int64_t uncompressed = h.uncompressed_page_size;
    if (compressed < 0 || uncompressed < 0) {
      return error(fmt::format("negative page size ({} compressed, {} uncompressed)", compressed,
                               uncompressed));
    }
    if (compressed > remaining - *consumed) {
      return error(fmt::format("page of {} bytes runs past the column chunk ({} bytes left)",
                               compressed, remaining - *consumed));
    }
    if (uncompressed > kMaxPageSize) {
      return error(fmt::format("uncompressed page size {} exceeds the limit of {}", uncompressed,
                               kMaxPageSize));
    }
    const uint8_t* body = start + *consumed;
    pos_ += *consumed + compressed;

    if (h.__isset.crc && verify_crc_) {
      uint32_t crc = static_cast<uint32_t>(crc32(0L, body, static_cast<uInt>(compressed)));
      if (crc != static_cast<uint32_t>(h.crc)) {
        return error(fmt::format("CRC mismatch: page says {:08x}, data has {:08x}",
                                 static_cast<uint32_t>(h.crc), crc));
      }
    }

    if (type == format::PageType::DICTIONARY_PAGE) {
      if (!h.__isset.dictionary_page_header) return error("dictionary page without its header");
      if (!KnownEncoding(ThriftEnumValue(h.dictionary_page_header.encoding))) {
        return error(fmt::format("unknown dictionary encoding {}",
                                 ThriftEnumValue(h.dictionary_page_header.encoding)));
      }
      if (h.dictionary_page_header.num_values < 0) return error("negative dictionary size");
      page.kind = PageKind::kDictionary;
    } else if (type == format::PageType::DATA_PAGE) {
      if (!h.__isset.data_page_header) return error("data page without its header");
      const auto& d = h.data_page_header;
      for (int32_t e : {ThriftEnumValue(d.encoding), ThriftEnumValue(d.definition_level_encoding),
                        ThriftEnumValue(d.repetition_level_encoding)}) {
        if (!KnownEncoding(e)) return error(fmt::format("unknown encoding {}", e));
      }
      if (d.num_values < 0) return error("negative value count");
      page.kind = PageKind::kDataV1;
    } else if (type == format::PageType::DATA_PAGE_V2) {
      if (!h.__isset.data_page_header_v2) return error("data page v2 without its header");
      const auto& d = h.data_page_header_v2;
      if (!KnownEncoding(ThriftEnumValue(d.encoding))) {
        return error(fmt::format("unknown encoding {}", ThriftEnumValue(d.encoding)));
      }
      if (d.num_values < 0 || d.num_nulls < 0 || d.num_rows < 0) return error("negative counts");
      int64_t levels = int64_t{d.definition_levels_byte_length} + d.repetition_levels_byte_length;
      if (d.definition_levels_byte_length < 0 || d.repetition_levels_byte_length < 0 ||
          levels > compressed || levels > uncompressed) {
        return error(fmt::format("level lengths ({} + {}) do not fit the page",
                                 d.repetition_levels_byte_length, d.definition_levels_byte_length));
      }
      page.kind = PageKind::kDataV2;
      page.levels_size = levels;
      bool values_compressed = !d.__isset.is_compressed || d.is_compressed;
      // An empty values section is stored as nothing at all, even when compressed.
      bool empty_values = compressed == levels && uncompressed == levels;
      if (!values_compressed || empty_values || codec_->kind() == CompressionKind::kUncompressed) {
        if (compressed != uncompressed) {
          return error(fmt::format("uncompressed page stores {} bytes but declares {}", compressed,
                                   uncompressed));
        }
        page.levels = body;
        page.data = body + levels;
        page.data_size = compressed - levels;
        page.owner = chunk;
      } else {
        FLOE_RETURN_NOT_OK(Decompress(body, compressed, uncompressed - levels, page, levels));
      }
      return page;
    } else {
      continue;  // index page or a page type from a newer writer
    }

    // Dictionary and v1 pages: all of it is compressed.
    if (codec_->kind() == CompressionKind::kUncompressed) {
      if (compressed != uncompressed) {
        return error(fmt::format("uncompressed page stores {} bytes but declares {}", compressed,
                                 uncompressed));
      }
      page.data = body;
      page.data_size = compressed;
      page.owner = chunk;
    } else {
      FLOE_RETURN_NOT_OK(Decompress(body, compressed, uncompressed, page, 0));
    }
    return page;
  }
  return std::optional<Page>();
}

}  // namespace floe::parquet
