#include "util/duckdb_oracle.h"

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

#include "util/node_peer.h"

namespace floe::test {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kScript = "duckdb_query.mjs";
constexpr std::string_view kPackage = "@duckdb/node-api";
constexpr std::chrono::milliseconds kCloseTimeout{10000};

// Parses one response line; nlohmann-json's exceptions never escape (allow_exceptions=false and
// only checked accessors below).
Result<Json> ParseLine(const std::string& line) {
  Json json = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Status::Internal("answer is not a JSON object: {}", line.substr(0, 500));
  }
  return json;
}

bool IsTrue(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

Result<std::vector<std::string>> StringArray(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) {
    return Status::Internal("answer lacks the array '{}'", key);
  }
  std::vector<std::string> out;
  out.reserve(it->size());
  for (const Json& item : *it) {
    if (!item.is_string()) return Status::Internal("'{}' holds a non-string", key);
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<QueryResult> DecodeResult(const Json& answer) {
  QueryResult result;
  FLOE_ASSIGN_OR_RETURN(result.column_names, StringArray(answer, "names"));
  FLOE_ASSIGN_OR_RETURN(result.column_types, StringArray(answer, "types"));
  auto rows = answer.find("rows");
  if (rows == answer.end() || !rows->is_array()) {
    return Status::Internal("answer lacks the array 'rows'");
  }
  result.rows.reserve(rows->size());
  for (const Json& row : *rows) {
    if (!row.is_array() || row.size() != result.column_names.size()) {
      return Status::Internal("a row does not have {} cells", result.column_names.size());
    }
    QueryRow cells;
    cells.reserve(row.size());
    for (const Json& cell : row) {
      if (cell.is_null()) {
        cells.emplace_back(std::nullopt);
      } else if (cell.is_string()) {
        cells.emplace_back(cell.get<std::string>());
      } else {
        return Status::Internal("a cell is neither text nor null: {}", cell.dump());
      }
    }
    result.rows.push_back(std::move(cells));
  }
  return result;
}

}  // namespace

Status StatusFromDuckDbError(std::string message) {
  struct Prefix {
    std::string_view prefix;
    StatusCode code;
  };
  static constexpr Prefix kPrefixes[] = {
      {"Parser Error", StatusCode::kSyntaxError},
      {"Binder Error", StatusCode::kBindError},
      {"Catalog Error", StatusCode::kBindError},
      {"Not implemented Error", StatusCode::kNotSupported},
      {"IO Error", StatusCode::kIOError},
      {"HTTP Error", StatusCode::kIOError},
      {"INTERNAL Error", StatusCode::kInternal},
      {"Interrupt Error", StatusCode::kCancelled},
  };
  StatusCode code = StatusCode::kInvalidArgument;
  for (const auto& [prefix, prefix_code] : kPrefixes) {
    if (std::string_view(message).substr(0, prefix.size()) == prefix) {
      code = prefix_code;
      break;
    }
  }
  return Status(code, std::move(message));
}

Status DuckDbOracle::CheckAvailable() {
  FLOE_RETURN_NOT_OK(FindNode());
  return FindPeerScript(kScript, kPackage).status();
}

Result<std::unique_ptr<DuckDbOracle>> DuckDbOracle::Start(DuckDbOracleOptions options) {
  FLOE_ASSIGN_OR_RETURN(std::string node, FindNode());
  FLOE_ASSIGN_OR_RETURN(std::string script, FindPeerScript(kScript, kPackage));
  FLOE_ASSIGN_OR_RETURN(auto child, ChildProcess::Spawn(node, {script, "--threads",
                                                               std::to_string(options.threads)}));
  auto ready_line = child->ReadLine(options.startup_timeout);
  if (!ready_line.has_value()) {
    return Status::Internal("duckdb oracle: DuckDB did not start: {}",
                            ready_line.error().message());
  }
  auto ready_json = ParseLine(*ready_line);
  if (!ready_json.has_value()) {
    return Status::Internal("duckdb oracle: {}", ready_json.error().message());
  }
  const Json& ready = *ready_json;
  if (!IsTrue(ready, "ok") || !IsTrue(ready, "ready")) {
    return Status::Internal("duckdb oracle: unexpected greeting: {}", *ready_line);
  }
  std::string version;
  if (auto it = ready.find("version"); it != ready.end() && it->is_string()) {
    version = it->get<std::string>();
  }
  return std::make_unique<DuckDbOracle>(Token(), std::move(child), options, std::move(version));
}

DuckDbOracle::DuckDbOracle(Token, std::unique_ptr<ChildProcess> child, DuckDbOracleOptions options,
                           std::string version)
    : child_(std::move(child)), options_(options), version_(std::move(version)) {}

Status DuckDbOracle::Broken(const Status& cause) {
  broken_ = Status::Internal("duckdb oracle: {}", cause.message());
  if (child_) child_->Kill();
  return broken_;
}

Result<QueryResult> DuckDbOracle::Query(std::string_view sql) {
  if (!broken_.ok()) return broken_;
  if (!child_) return Status::Internal("duckdb oracle: Query() after Close()");
  Json request = {{"sql", std::string(sql)}};
  // Invalid UTF-8 in the SQL becomes U+FFFD instead of an exception.
  std::string line = request.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  if (Status st = child_->Write(line); !st.ok()) return Broken(st);
  auto answer_line = child_->ReadLine(options_.query_timeout);
  if (!answer_line.has_value()) return Broken(answer_line.error());
  auto answer = ParseLine(*answer_line);
  if (!answer.has_value()) return Broken(answer.error());
  if (!IsTrue(*answer, "ok")) {
    auto error = answer->find("error");
    if (error == answer->end() || !error->is_string()) {
      return Broken(Status::Internal("a failed answer without an error: {}", *answer_line));
    }
    return StatusFromDuckDbError(error->get<std::string>());
  }
  auto result = DecodeResult(*answer);
  if (!result.has_value()) return Broken(result.error());
  return result;
}

Status DuckDbOracle::Close() {
  if (!child_) return Status::OK();
  auto child = std::move(child_);
  FLOE_ASSIGN_OR_RETURN(int exit_code, child->Finish(kCloseTimeout));
  if (exit_code != 0) {
    return Status::Internal(
        "duckdb oracle: node exited with code {}{}", exit_code,
        child->stderr_tail().empty() ? "" : "; stderr: " + child->stderr_tail());
  }
  return Status::OK();
}

}  // namespace floe::test
