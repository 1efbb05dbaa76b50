#include "formats/parquet/thrift_serde.h"

#include <thrift/TBase.h>
#include <thrift/TConfiguration.h>
#include <thrift/Thrift.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/protocol/TProtocolException.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TTransportException.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <memory>
#include <new>

namespace floe::parquet {

namespace {

using apache::thrift::TConfiguration;
using apache::thrift::protocol::TCompactProtocolT;
using apache::thrift::protocol::TProtocolException;
using apache::thrift::transport::TMemoryBuffer;
using apache::thrift::transport::TTransportException;

std::string DescribeProtocolError(const TProtocolException& e) {
  switch (e.getType()) {
    case TProtocolException::NEGATIVE_SIZE:
      return "a string or list has a negative length";
    case TProtocolException::SIZE_LIMIT:
      return "a string or list claims more bytes or elements than the data holds";
    case TProtocolException::DEPTH_LIMIT:
      return fmt::format("structs nested more than {} deep", kMaxThriftNesting);
    case TProtocolException::INVALID_DATA:
      // Also what the generated code throws for a missing required field.
      return fmt::format("invalid or missing field ({})", e.what());
    default:
      return fmt::format("malformed Thrift data ({})", e.what());
  }
}

}  // namespace

Result<uint32_t> DeserializeThrift(const uint8_t* data, uint32_t size, apache::thrift::TBase* out) {
  FLOE_DCHECK(out != nullptr);
  static constexpr uint32_t kIntMax = std::numeric_limits<int32_t>::max();
  const auto bounded = static_cast<int32_t>(std::min(std::max<uint32_t>(size, 1), kIntMax));
  try {
    auto config = std::make_shared<TConfiguration>(bounded, bounded, kMaxThriftNesting);
    // OBSERVE: Thrift reads the caller's bytes in place and never writes them.
    auto transport = std::make_shared<TMemoryBuffer>(const_cast<uint8_t*>(data), size,
                                                     TMemoryBuffer::OBSERVE, config);
    TCompactProtocolT<TMemoryBuffer> protocol(transport, /*string_limit=*/bounded,
                                              /*container_limit=*/
                                              std::min(bounded, kMaxThriftListSize));
    out->read(&protocol);
    return size - transport->available_read();
  } catch (const TProtocolException& e) {
    return Status::Corruption("{}", DescribeProtocolError(e));
  } catch (const TTransportException& e) {
    if (e.getType() == TTransportException::END_OF_FILE) {
      return Status::Corruption("the data ends inside the structure ({} bytes available)", size);
    }
    return Status::Corruption("malformed Thrift data ({})", e.what());
  } catch (const std::bad_alloc&) {
    return Status::Corruption("its lengths need more memory than is available");
  } catch (const std::exception& e) {
    return Status::Corruption("malformed Thrift data ({})", e.what());
  } catch (...) {
    return Status::Corruption("malformed Thrift data (unknown exception)");
  }
}

Result<std::string> SerializeThrift(const apache::thrift::TBase& value) {
  try {
    auto transport = std::make_shared<TMemoryBuffer>();
    TCompactProtocolT<TMemoryBuffer> protocol(transport);
    value.write(&protocol);
    return transport->getBufferAsString();
  } catch (const std::exception& e) {
    return Status::Internal("thrift serialization failed: {}", e.what());
  } catch (...) {
    return Status::Internal("thrift serialization failed: unknown exception");
  }
}

}  // namespace floe::parquet
