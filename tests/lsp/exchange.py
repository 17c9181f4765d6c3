#!/usr/bin/env python3
"""The scripted editing exchange: drives the real `qualify lsp` as an editor would and compares
every message it sends back with the golden transcript.

    exchange.py QUALIFY GOLDEN            compare (the test registered in CTest)
    exchange.py QUALIFY GOLDEN --update   rewrite GOLDEN from this run

Open a broken policy (broken.qpl), receive its diagnostics and their code actions, fix it with
incremental changes until the diagnostics clear, then hover, go to definition, find references,
complete (after `lead.`, inside `= "`), list the outline and format. The policy is copied to a
temporary folder; its URI shows as file:///workspace/broken.qpl in the transcript.

Run --update after a deliberate change of the answers, e.g. when the diagnostics' documentation
links move (they come from qpl::lint::help_uri), and review the diff of the golden file.
"""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def position(text, needle, nth=0, offset=0):
    """The LSP position of the nth occurrence of needle in text, plus offset characters."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += offset
    before = text[:at]
    line = before.count("\n")
    column = len(before) - (before.rfind("\n") + 1)
    return {"line": line, "character": len(text[at - column:at].encode("utf-16-le")) // 2}


def offset(text, pos):
    """The string index of an LSP position (the texts of this exchange are ASCII)."""
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:pos["line"]]) + pos["character"]


def apply(text, edit):
    start, end = offset(text, edit["range"]["start"]), offset(text, edit["range"]["end"])
    return text[:start] + edit["newText"] + text[end:]


def word_range(text, needle, nth=0):
    return {"start": position(text, needle, nth), "end": position(text, needle, nth, len(needle))}


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    qualify, golden = os.path.abspath(sys.argv[1]), sys.argv[2]
    update = "--update" in sys.argv[3:]
    workspace = tempfile.mkdtemp(prefix="qualify-lsp-")
    try:
        return run(qualify, golden, update, workspace)
    finally:
        shutil.rmtree(workspace)


def run(qualify, golden, update, workspace):
    path = os.path.join(workspace, "broken.qpl")
    shutil.copy(os.path.join(HERE, "broken.qpl"), path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    uri = "file://" + path
    doc = {"uri": uri}
    transcript = []
    client = Client(qualify, cwd=workspace)
    version = 1

    def record(step, message):
        transcript.append({"step": step, "received": message})

    def request(step, method, params):
        response, _, notes = client.request(method, params)
        for n in notes:
            record(step + " (notification)", n)
        record(step, response)
        return response

    def change(step, changes):
        nonlocal version
        version += 1
        message, _ = client.notify_and_wait("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": changes})
        record(step, message)
        return message

    request("initialize", "initialize", {"processId": None, "rootUri": "file://" + workspace, "capabilities": {}})
    client.notify("initialized", {})
    opened, _ = client.notify_and_wait("textDocument/didOpen", {
        "textDocument": {"uri": uri, "languageId": "qpl", "version": 1, "text": text}})
    record("open the broken policy: its error", opened)

    typo = word_range(text, "engagment")
    actions = request("code actions on the typo: did you mean", "textDocument/codeAction",
                      {"textDocument": doc, "range": typo, "context": {"diagnostics": opened["params"]["diagnostics"]}})
    edit = actions["result"][0]["edit"]["changes"][uri][0]
    warned = change("apply the did-you-mean (incremental): the error clears, a warning remains", [
        {"range": edit["range"], "text": edit["newText"]}])
    text = apply(text, edit)
    email = word_range(text, "email")
    actions = request("code actions on the warning: allow it", "textDocument/codeAction",
                      {"textDocument": doc, "range": email, "context": {"diagnostics": warned["params"]["diagnostics"]}})
    edit = actions["result"][0]["edit"]["changes"][uri][0]
    change("apply the allow: the diagnostics clear", [{"range": edit["range"], "text": edit["newText"]}])
    text = apply(text, edit)

    request("hover on a field: its type and source column", "textDocument/hover",
            {"textDocument": doc, "position": position(text, "budget >=", 0, 2)})
    request("hover on a score: its range", "textDocument/hover",
            {"textDocument": doc, "position": position(text, "engagement >=", 0, 3)})
    request("hover on nothing", "textDocument/hover", {"textDocument": doc, "position": {"line": 0, "character": 0}})
    request("definition of a let", "textDocument/definition",
            {"textDocument": doc, "position": position(text, "when senior", 0, 6)})
    request("definition of a record field inside where", "textDocument/definition",
            {"textDocument": doc, "position": position(text, "type = \"demo", 0, 1)})
    request("references of a field, declaration included", "textDocument/references",
            {"textDocument": doc, "position": position(text, "seniority", 0, 1), "context": {"includeDeclaration": True}})
    request("references of a stage", "textDocument/references",
            {"textDocument": doc, "position": position(text, "sql when"), "context": {"includeDeclaration": True}})

    after_require = position(text, "require budget >= 1000", 0, len("require budget >= 1000"))
    change("type a half line: errors, no crash",
           [{"range": {"start": after_require, "end": after_require}, "text": "\n  require lead."}])
    typed_end = {"line": after_require["line"] + 1, "character": len("  require lead.")}
    request("complete after lead.", "textDocument/completion", {"textDocument": doc, "position": typed_end})
    line_range = {"start": {"line": typed_end["line"], "character": 0}, "end": typed_end}
    change("type a comparison with an enum field", [{"range": line_range, "text": "  exclude seniority = \""}])
    request("complete inside = \"...\": the enum's values", "textDocument/completion",
            {"textDocument": doc, "position": {"line": typed_end["line"], "character": len("  exclude seniority = \"")}})
    whole_line = {"start": after_require, "end": {"line": typed_end["line"], "character": len("  exclude seniority = \"")}}
    change("remove the half line", [{"range": whole_line, "text": ""}])

    request("the outline", "textDocument/documentSymbol", {"textDocument": doc})
    messy = text.replace("let senior = seniority in [\"manager\", \"vp\"]", "let   senior=seniority in [\"manager\",\"vp\"]")
    change("replace the whole text with a messy layout (full sync)", [{"text": messy}])
    request("format: the canonical layout", "textDocument/formatting",
            {"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": True}})
    change("break the syntax", [{"text": messy + "\nfunnel {\n"}])
    request("format refuses a policy that does not parse", "textDocument/formatting",
            {"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": True}})
    request("a request for a document not open", "textDocument/hover",
            {"textDocument": {"uri": "file:///nowhere.qpl"}, "position": {"line": 0, "character": 0}})
    request("an unknown method", "textDocument/unknownThing", {})

    status, stderr = client.close()
    transcript.append({"step": "shutdown, exit", "exit status": status, "stderr": stderr})

    out = json.dumps(transcript, indent=1, ensure_ascii=False, sort_keys=True)
    out = out.replace("file://" + workspace, "file:///workspace")
    out = out.replace(workspace, "/workspace") + "\n"
    if update:
        with open(golden, "w", encoding="utf-8") as f:
            f.write(out)
        print(f"wrote {golden}")
        return 0
    with open(golden, encoding="utf-8") as f:
        expected = f.read()
    if out != expected:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), out.splitlines(True),
                                                   "expected", "actual"))
        print(f"\nthe exchange differs from {golden}: run with --update after a deliberate change")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
