#include "sqllogictest/sqllogic_parser.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace floe::test {
namespace {

struct Line {
  int number;
  std::string text;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

std::string FirstWord(std::string_view text) {
  auto words = SplitWords(text);
  return words.empty() ? std::string() : words[0];
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

bool ParseInt(std::string_view text, int64_t& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

struct SqlBlock {
  std::string sql;
  bool has_separator = false;  // the block ended at a ---- line
};

struct QueryHeader {
  std::string column_types;
  SortMode sort_mode = SortMode::kNoSort;
  std::string label;
};

class Parser {
 public:
  explicit Parser(std::string_view path) : path_(path) {}

  Status ParseLines(const std::vector<Line>& lines, const std::string& loop_context) {
    size_t i = 0;
    std::vector<std::string> skip_if;
    std::vector<std::string> only_if;
    while (i < lines.size()) {
      std::string_view trimmed = Trim(lines[i].text);
      if (trimmed.empty() || trimmed.front() == '#') {
        ++i;
        continue;
      }
      const int line = lines[i].number;
      std::vector<std::string> words = SplitWords(trimmed);
      const std::string& directive = words[0];

      if (directive == "skipif" || directive == "onlyif") {
        if (words.size() != 2) return Error(line, "'{}' takes one engine name", directive);
        (directive == "skipif" ? skip_if : only_if).push_back(words[1]);
        ++i;
        continue;
      }
      if (directive == "loop" || directive == "foreach") {
        if (!skip_if.empty() || !only_if.empty()) {
          return Error(line, "skipif/onlyif must come right before a statement or query");
        }
        FLOE_ASSIGN_OR_RETURN(i, ParseLoop(lines, i, words, loop_context));
        continue;
      }
      if (directive == "endloop") return Error(line, "endloop without loop");

      SqlLogicRecord record;
      record.line = line;
      record.loop_context = loop_context;
      record.skip_if = std::exchange(skip_if, {});
      record.only_if = std::exchange(only_if, {});
      ++i;
      if (directive == "statement") {
        if (words.size() != 2 || (words[1] != "ok" && words[1] != "error")) {
          return Error(line, "expected 'statement ok' or 'statement error'");
        }
        bool expect_error = words[1] == "error";
        record.kind = expect_error ? RecordKind::kStatementError : RecordKind::kStatementOk;
        FLOE_ASSIGN_OR_RETURN(SqlBlock block, ReadSql(lines, i, line));
        record.sql = std::move(block.sql);
        if (block.has_separator) {
          if (!expect_error) return Error(line, "'statement ok' takes no ---- block");
          std::vector<std::string> message = ReadBlock(lines, i);
          std::string joined;
          for (size_t k = 0; k < message.size(); ++k) joined += (k ? "\n" : "") + message[k];
          if (joined.rfind("<REGEX>:", 0) == 0 || joined.rfind("<!REGEX>:", 0) == 0) {
            return Error(line, "REGEX error expectations are not supported; give a substring");
          }
          if (!joined.empty()) record.expected_error = std::move(joined);
        }
      } else if (directive == "query") {
        record.kind = RecordKind::kQuery;
        FLOE_ASSIGN_OR_RETURN(QueryHeader header, ParseQueryHeader(line, words));
        record.column_types = std::move(header.column_types);
        record.sort_mode = header.sort_mode;
        record.label = std::move(header.label);
        FLOE_ASSIGN_OR_RETURN(SqlBlock block, ReadSql(lines, i, line));
        record.sql = std::move(block.sql);
        record.has_expected = block.has_separator;
        if (record.has_expected) record.expected_lines = ReadBlock(lines, i);
      } else if (directive == "require") {
        if (words.size() < 2) return Error(line, "'require' needs a feature");
        record.kind = RecordKind::kRequire;
        record.feature = words[1];
        for (size_t k = 2; k < words.size(); ++k) record.feature += " " + words[k];
      } else if (directive == "mode") {
        if (words.size() != 2 || (words[1] != "skip" && words[1] != "unskip")) {
          return Error(line, "expected 'mode skip' or 'mode unskip'");
        }
        record.kind = words[1] == "skip" ? RecordKind::kModeSkip : RecordKind::kModeUnskip;
      } else if (directive == "halt") {
        record.kind = RecordKind::kHalt;
      } else {
        return Error(line, "unknown directive '{}'", directive);
      }
      records_.push_back(std::move(record));
    }
    if (!skip_if.empty() || !only_if.empty()) {
      return Error(lines.back().number, "skipif/onlyif at the end of the file");
    }
    return Status::OK();
  }

  SqlLogicFile Finish() && { return SqlLogicFile{std::string(path_), std::move(records_)}; }

 private:
  template <typename... Args>
  Status Error(int line, fmt::format_string<Args...> format, Args&&... args) const {
    return Status::SyntaxError("{}:{}: {}", path_, line,
                               fmt::format(format, std::forward<Args>(args)...));
  }

  // query <types> [sort mode] [label]
  Result<QueryHeader> ParseQueryHeader(int line, const std::vector<std::string>& words) const {
    if (words.size() < 2) return Error(line, "'query' needs column types, e.g. 'query II'");
    QueryHeader header;
    header.column_types = words[1];
    for (char c : header.column_types) {
      if (c < 'A' || c > 'Z') {
        return Error(line, "column types '{}' must be upper-case letters (I, R, T, B, ...)",
                     header.column_types);
      }
    }
    size_t next = 2;
    if (next < words.size()) {
      const std::string& word = words[next];
      if (word == "nosort" || word == "rowsort" || word == "valuesort") {
        header.sort_mode = word == "rowsort"     ? SortMode::kRowSort
                           : word == "valuesort" ? SortMode::kValueSort
                                                 : SortMode::kNoSort;
        ++next;
      }
    }
    if (next < words.size()) header.label = words[next++];
    if (next < words.size())
      return Error(line, "unexpected '{}' after the query label", words[next]);
    return header;
  }

  // Reads SQL lines from the cursor `i` up to a blank line, the end, or "----" (consumed).
  Result<SqlBlock> ReadSql(const std::vector<Line>& lines, size_t& i, int line) const {
    SqlBlock block;
    for (; i < lines.size(); ++i) {
      std::string_view trimmed = Trim(lines[i].text);
      if (trimmed.empty()) break;
      if (trimmed == "----") {
        block.has_separator = true;
        ++i;
        break;
      }
      if (!block.sql.empty()) block.sql += "\n";
      block.sql += lines[i].text;
    }
    if (Trim(block.sql).empty()) return Error(line, "record without SQL");
    return block;
  }

  // Lines from the cursor `i` up to a blank line or the end, as written (without '\r').
  static std::vector<std::string> ReadBlock(const std::vector<Line>& lines, size_t& i) {
    std::vector<std::string> block;
    for (; i < lines.size() && !Trim(lines[i].text).empty(); ++i) block.push_back(lines[i].text);
    return block;
  }

  // Unrolls loop/foreach at lines[start]; returns the index after its endloop.
  Result<size_t> ParseLoop(const std::vector<Line>& lines, size_t start,
                           const std::vector<std::string>& words, const std::string& loop_context) {
    const int line = lines[start].number;
    std::vector<std::string> values;
    if (words[0] == "loop") {
      int64_t from = 0;
      int64_t to = 0;
      if (words.size() != 4 || !ParseInt(words[2], from) || !ParseInt(words[3], to)) {
        return Error(line, "expected 'loop <var> <from> <to>'");
      }
      if (to - from > 1000000) return Error(line, "loop of more than a million iterations");
      for (int64_t v = from; v < to; ++v) values.push_back(std::to_string(v));
    } else {
      if (words.size() < 3) return Error(line, "expected 'foreach <var> <value>...'");
      values.assign(words.begin() + 2, words.end());
    }
    const std::string& var = words[1];
    int depth = 1;
    size_t end = start + 1;
    for (; end < lines.size(); ++end) {
      std::string first = FirstWord(lines[end].text);
      if (first == "loop" || first == "foreach") ++depth;
      if (first == "endloop" && --depth == 0) break;
    }
    if (end == lines.size()) return Error(line, "{} without endloop", words[0]);

    const std::string placeholder = "${" + var + "}";
    for (const std::string& value : values) {
      std::vector<Line> body;
      for (size_t k = start + 1; k < end; ++k) {
        body.push_back({lines[k].number, ReplaceAll(lines[k].text, placeholder, value)});
      }
      std::string context =
          loop_context.empty() ? var + "=" + value : loop_context + ", " + var + "=" + value;
      FLOE_RETURN_NOT_OK(ParseLines(body, context));
    }
    return end + 1;
  }

  std::string_view path_;
  std::vector<SqlLogicRecord> records_;
};

}  // namespace

Result<SqlLogicFile> ParseSqlLogicTest(std::string_view path, std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t newline = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, newline == std::string_view::npos ? text.size() - pos : newline - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({++number, std::string(line)});
    if (newline == std::string_view::npos) break;
    pos = newline + 1;
  }
  Parser parser(path);
  FLOE_RETURN_NOT_OK(parser.ParseLines(lines, ""));
  return std::move(parser).Finish();
}

Result<SqlLogicFile> ParseSqlLogicTestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("{}: cannot open", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError("{}: read failed", path);
  return ParseSqlLogicTest(path, text.str());
}

}  // namespace floe::test
