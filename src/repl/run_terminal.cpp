// The libedit front end. libedit's own signal handling is off (it would re-raise SIGINT to the
// whole process group); our SIGINT handler only sets a flag, and the character reader turns it
// into "kill the line, then enter" so Ctrl-C drops what was typed and shows a fresh prompt.
#include <histedit.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cwchar>
#include <deque>

#include "repl/front_end.hpp"

namespace qpl::repl {
namespace {

volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_sigint(int) { interrupted = 1; }

constexpr std::size_t history_size = 1000;
constexpr wchar_t kill_line = 0x15;  // Ctrl-U: em-kill-line in the emacs bindings

struct Context {
  Session* session = nullptr;
  std::deque<wchar_t> pending;  // characters the reader hands out before reading more
};

Context* context_of(EditLine* el) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  return static_cast<Context*>(data);
}

const char* prompt(EditLine*) { return "qualify> "; }

// One character from the terminal (UTF-8 decoded), or the pending ones after a Ctrl-C.
int read_char(EditLine* el, wchar_t* out) {
  Context* ctx = context_of(el);
  std::mbstate_t state{};
  for (;;) {
    if (interrupted) {
      interrupted = 0;
      ctx->pending.assign({kill_line, L'\n'});
    }
    if (!ctx->pending.empty()) {
      *out = ctx->pending.front();
      ctx->pending.pop_front();
      return 1;
    }
    char byte = 0;
    const ssize_t n = ::read(STDIN_FILENO, &byte, 1);
    if (n == 0) return 0;  // end of input
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    wchar_t wc = 0;
    const std::size_t r = std::mbrtowc(&wc, &byte, 1, &state);
    if (r == static_cast<std::size_t>(-2)) continue;  // more bytes of this character
    if (r == static_cast<std::size_t>(-1)) {
      state = std::mbstate_t{};
      wc = static_cast<wchar_t>(static_cast<unsigned char>(byte));
    }
    *out = wc;
    return 1;
  }
}

std::string common_prefix(const std::vector<std::string>& words) {
  std::string prefix = words.front();
  for (const std::string& w : words) {
    std::size_t i = 0;
    while (i < prefix.size() && i < w.size() && prefix[i] == w[i]) ++i;
    prefix.resize(i);
  }
  return prefix;
}

unsigned char complete(EditLine* el, int) {
  Context* ctx = context_of(el);
  const LineInfo* info = el_line(el);
  const std::string text(info->buffer, static_cast<std::size_t>(info->cursor - info->buffer));
  const std::vector<std::string> words = ctx->session->completions(text);
  if (words.empty()) return CC_ERROR;
  std::size_t start = text.size();
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == ':' || c == '-' || c == '#';
  };
  while (start > 0 && word_char(text[start - 1])) --start;
  const std::size_t typed = text.size() - start;
  if (words.size() == 1) {
    std::string rest = words.front().substr(typed);
    if (words.front().back() != '.') rest += ' ';
    el_insertstr(el, rest.c_str());
    return CC_REFRESH;
  }
  const std::string prefix = common_prefix(words);
  if (prefix.size() > typed) {
    el_insertstr(el, prefix.substr(typed).c_str());
    return CC_REFRESH;
  }
  std::string list = "\n";
  for (const std::string& w : words) list += w + "  ";
  list += '\n';
  std::fwrite(list.data(), 1, list.size(), stdout);
  std::fflush(stdout);
  return CC_REDISPLAY;
}

}  // namespace

int run_terminal(Session& session, const std::optional<std::string>& history_file) {
  std::setlocale(LC_CTYPE, "");  // libedit decodes and displays UTF-8 by the locale
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: the blocked read returns and sees the flag
  struct sigaction previous {};
  sigaction(SIGINT, &action, &previous);

  Context ctx;
  ctx.session = &session;
  EditLine* el = el_init("qualify", stdin, stdout, stderr);
  History* past = history_init();
  HistEvent event;
  history(past, &event, H_SETSIZE, static_cast<int>(history_size));
  history(past, &event, H_SETUNIQUE, 1);
  if (history_file) history(past, &event, H_LOAD, history_file->c_str());

  el_set(el, EL_CLIENTDATA, &ctx);
  el_set(el, EL_SIGNAL, 0);
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, &prompt);
  el_set(el, EL_HIST, history, past);
  el_set(el, EL_GETCFN, &read_char);
  el_set(el, EL_ADDFN, "qualify-complete", "complete a command or a name", &complete);
  el_set(el, EL_BIND, "^I", "qualify-complete", nullptr);

  while (!session.finished()) {
    int count = 0;
    const char* raw = el_gets(el, &count);
    if (raw == nullptr || count <= 0) {  // Ctrl-D on an empty line, or the terminal went away
      std::fputc('\n', stdout);
      break;
    }
    std::string line(raw, static_cast<std::size_t>(count));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    history(past, &event, H_ENTER, line.c_str());
    if (history_file) history(past, &event, H_SAVE, history_file->c_str());
    const std::string response = session.handle(line);
    std::fwrite(response.data(), 1, response.size(), stdout);
    std::fflush(stdout);
  }

  el_end(el);
  history_end(past);
  sigaction(SIGINT, &previous, nullptr);
  return 0;
}

}  // namespace qpl::repl
