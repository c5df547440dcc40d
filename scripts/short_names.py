"""Short names for the JS functions a binary's wasm imports from its glue.

wasm-bindgen names each one like `__wbg_setAttribute_4d3b3d3c0a5f1e2a`. Every
name is written twice, in the wasm's import section and as a key of the glue's
import object, and its 16 hex digits are noise that compression cannot remove:
about 5 KB brotli per page. This renames them `_a`, `_b`, … in both files.

It renames only an import whose key the glue holds exactly once
(`name: function`); anything else keeps its name. Used by csp_loader.py on every
binary before the files get their content-hashed names.
"""
import re


def _leb(b: bytes, i: int):
    """Reads an unsigned LEB128 at `i`: (value, next index)."""
    value = shift = 0
    while True:
        x = b[i]
        i += 1
        value |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return value, i


def _enc(n: int) -> bytes:
    out = bytearray()
    while True:
        x = n & 0x7F
        n >>= 7
        if n:
            out.append(x | 0x80)
        else:
            out.append(x)
            return bytes(out)


def _name(b: bytes, i: int):
    n, i = _leb(b, i)
    return b[i : i + n].decode(), i + n


def _short(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        s = letters[i % 26] + s
        i = i // 26 - 1
        if i < 0:
            return "_" + s


def _import_desc_end(b: bytes, i: int, kind: int) -> int:
    """The index after an import's description of `kind`."""
    if kind == 0:  # function: type index
        return _leb(b, i)[1]
    if kind == 1:  # table: reftype, limits
        flags, i = _leb(b, i + 1)
        i = _leb(b, i)[1]
        return _leb(b, i)[1] if flags & 1 else i
    if kind == 2:  # memory: limits
        flags, i = _leb(b, i)
        i = _leb(b, i)[1]
        return _leb(b, i)[1] if flags & 1 else i
    if kind == 3:  # global: valtype, mutability
        return i + 2
    raise ValueError(f"import kind {kind}")


def shorten(wasm: bytes, js: str, glue_module: str):
    """(wasm, js, how many imports were renamed), with short import names;
    `glue_module` is the import module the glue answers to (`./<name>_bg.js`)."""
    if wasm[:4] != b"\0asm":
        raise ValueError("not a wasm module")
    renamed = 0
    out = bytearray(wasm[:8])
    i = 8
    while i < len(wasm):
        sid = wasm[i]
        size, body = _leb(wasm, i + 1)
        end = body + size
        if sid == 2:
            count, k = _leb(wasm, body)
            section = bytearray(_enc(count))
            for _ in range(count):
                module, k = _name(wasm, k)
                field, k = _name(wasm, k)
                kind = wasm[k]
                desc_end = _import_desc_end(wasm, k + 1, kind)
                desc = wasm[k:desc_end]
                k = desc_end
                key = re.compile(r"(?m)^(\s+)" + re.escape(field) + r": function")
                if module == glue_module and len(key.findall(js)) == 1:
                    new = _short(renamed)
                    renamed += 1
                    js = key.sub(lambda m: m.group(1) + new + ": function", js)
                    field = new
                m, f = module.encode(), field.encode()
                section += _enc(len(m)) + m + _enc(len(f)) + f + desc
            out += bytes([2]) + _enc(len(section)) + section
        else:
            out += wasm[i:end]
        i = end
    return bytes(out), js, renamed
