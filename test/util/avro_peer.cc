#include "util/avro_peer.h"

#include <chrono>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "util/child_process.h"
#include "util/node_peer.h"

namespace floe::test {

using avro::AvroDatum;
using avro::AvroNode;
using avro::AvroType;

namespace {

nlohmann::json FloatJson(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

nlohmann::json BytesJson(std::string_view bytes) {
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) hex += fmt::format("{:02x}", c);
  return nlohmann::json{{"$bytes", hex}};
}

Result<std::vector<nlohmann::json>> RunPeer(const std::string& program,
                                            std::vector<std::string> args,
                                            const std::vector<std::string>& paths) {
  for (const std::string& p : paths) args.push_back(p);
  FLOE_ASSIGN_OR_RETURN(auto child, ChildProcess::Spawn(program, args));
  std::vector<nlohmann::json> out;
  for (size_t i = 0; i < paths.size(); ++i) {
    auto line = child->ReadLine(std::chrono::seconds(300));
    if (!line.has_value()) {
      return Status::IOError("{}: no answer for {}: {} (stderr: {})", child->description(),
                             paths[i], line.error().ToString(), child->stderr_tail());
    }
    nlohmann::json j = nlohmann::json::parse(*line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::IOError("{}: not a JSON object for {}: {}", child->description(), paths[i],
                             line->substr(0, 200));
    }
    out.push_back(std::move(j));
  }
  FLOE_ASSIGN_OR_RETURN(int rc, child->Finish(std::chrono::seconds(30)));
  if (rc != 0) {
    return Status::IOError("{} exited with {}: {}", child->description(), rc, child->stderr_tail());
  }
  return out;
}

}  // namespace

nlohmann::json AvroCanonicalJson(const AvroDatum& d, const AvroNode& schema) {
  if (schema.type == AvroType::kUnion) {
    if (d.branch() >= schema.branches.size()) return "<branch out of range>";
    return AvroCanonicalJson(d, *schema.branches[d.branch()]);
  }
  switch (d.type()) {
    case AvroType::kNull:
      return nullptr;
    case AvroType::kBoolean:
      return d.boolean_value();
    case AvroType::kInt:
      return d.int_value();
    case AvroType::kLong:
      return d.long_value();
    case AvroType::kFloat:
      return FloatJson(d.float_value());
    case AvroType::kDouble:
      return FloatJson(d.double_value());
    case AvroType::kString:
      return std::string(d.bytes_value());
    case AvroType::kBytes:
    case AvroType::kFixed:
      return BytesJson(d.bytes_value());
    case AvroType::kEnum:
      if (d.enum_index() < 0 || static_cast<size_t>(d.enum_index()) >= schema.symbols.size()) {
        return "<enum out of range>";
      }
      return schema.symbols[static_cast<size_t>(d.enum_index())];
    case AvroType::kArray: {
      nlohmann::json out = nlohmann::json::array();
      for (const AvroDatum& item : d.items()) out.push_back(AvroCanonicalJson(item, *schema.items));
      return out;
    }
    case AvroType::kMap: {
      nlohmann::json out = nlohmann::json::object();
      for (size_t i = 0; i < d.size(); ++i) {
        out[std::string(d.map_key(i))] = AvroCanonicalJson(d.map_value(i), *schema.values);
      }
      return out;
    }
    case AvroType::kRecord: {
      nlohmann::json out = nlohmann::json::object();
      for (size_t i = 0; i < d.size() && i < schema.fields.size(); ++i) {
        out[schema.fields[i].name] = AvroCanonicalJson(d.field(i), *schema.fields[i].type);
      }
      return out;
    }
    case AvroType::kUnion:
      break;
  }
  return "<unknown datum>";
}

Result<std::string> FindPythonAvro() {
  const std::string python = "/usr/bin/python3";
  std::error_code ec;
  if (!std::filesystem::exists(python, ec)) {
    return Status::NotFound("{} does not exist (python3-avro runs only there)", python);
  }
  FLOE_ASSIGN_OR_RETURN(auto child, ChildProcess::Spawn(python, {"-c", "import avro"}));
  FLOE_ASSIGN_OR_RETURN(int rc, child->Finish(std::chrono::seconds(60)));
  if (rc != 0) {
    return Status::NotFound(
        "`{} -c 'import avro'` failed ({}): install Debian's python3-avro with "
        "`bash scripts/install_deps.sh`",
        python, child->stderr_tail());
  }
  return python;
}

Result<std::vector<nlohmann::json>> ReadWithPythonAvro(const std::vector<std::string>& paths) {
  FLOE_ASSIGN_OR_RETURN(std::string python, FindPythonAvro());
  return RunPeer(python, {PeersDir() + "/avro_read.py"}, paths);
}

Result<std::vector<nlohmann::json>> ReadWithAvsc(const std::vector<std::string>& paths) {
  FLOE_ASSIGN_OR_RETURN(std::string node, FindNode());
  FLOE_ASSIGN_OR_RETURN(std::string script, FindPeerScript("avsc_read.mjs", "avsc"));
  return RunPeer(node, {script}, paths);
}

}  // namespace floe::test
