namespace Trellis.Core.Hcl;

internal enum HclTokenKind
{
    Eof,
    Ident,
    String,
    Heredoc,
    Number,
    Float,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Equals,
    Comma,
}
