using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using System.Text;
using ProSaaS.Domain.ApiKeys;
using ProSaaS.Infrastructure.Security;

namespace ProSaaS.Infrastructure.Tests.Security;

public sealed class ApiKeyGeneratorTests
{
    private readonly ApiKeyGenerator _generator = new();

    [Fact]
    public void Keys_have_the_documented_shape_and_a_256_bit_secret()
    {
        var generated = _generator.Generate();

        generated.Key.Should().MatchRegex("^psk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$");
        ApiKeyFormat.TryParse(generated.Key, out var prefix, out var secret).Should().BeTrue();
        prefix.Should().Be(generated.Prefix);
        secret.Length.Should().BeGreaterThanOrEqualTo(ApiKeyFormat.MinSecretLength);
        System.Buffers.Text.Base64Url.DecodeFromChars(secret).Should().HaveCount(32);
    }

    [Fact]
    public void The_stored_hash_is_the_sha256_of_the_whole_key()
    {
        var generated = _generator.Generate();

        generated.Hash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(generated.Key))));
        generated.Hash.Should().NotContain(generated.Key[13..]);
    }

    [Fact]
    public void Keys_and_prefixes_do_not_repeat()
    {
        var keys = Enumerable.Range(0, 5000).Select(_ => _generator.Generate()).ToList();

        keys.Select(k => k.Key).Should().OnlyHaveUniqueItems();
        keys.Select(k => k.Prefix).Should().OnlyHaveUniqueItems();
        keys.Select(k => k.Hash).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Verify_accepts_the_key_and_refuses_any_change_to_it()
    {
        var generated = _generator.Generate();
        var other = _generator.Generate();

        _generator.Verify(generated.Key, generated.Hash).Should().BeTrue();
        _generator.Verify(other.Key, generated.Hash).Should().BeFalse();
        var lastChar = generated.Key[^1] == 'A' ? 'B' : 'A';
        _generator.Verify(generated.Key[..^1] + lastChar, generated.Hash).Should().BeFalse();
        _generator.Verify(generated.Key.ToUpperInvariant(), generated.Hash).Should().BeFalse();
        _generator.Verify("psk_" + generated.Prefix, generated.Hash).Should().BeFalse();
        _generator.Verify(generated.Key, generated.Hash.ToUpperInvariant()).Should().BeTrue("hex case does not change the bytes");
        _generator.Verify(generated.Key, "zz" + generated.Hash[2..]).Should().BeFalse();
        _generator.Verify(generated.Key, generated.Hash[..^2]).Should().BeFalse();
        _generator.Verify(generated.Key, "").Should().BeFalse();
    }

    [Fact]
    public void The_secret_is_kept_out_of_the_generated_keys_text()
    {
        var generated = _generator.Generate();
        generated.ToString().Should().NotContain(generated.Key).And.Contain(generated.Prefix);
    }

    [Fact]
    public void Verify_compares_hashes_in_constant_time()
    {
        var verify = typeof(ApiKeyGenerator).GetMethod(nameof(ApiKeyGenerator.Verify))!;

        var called = CalledMethods(verify).ToList();

        called.Should().Contain(m => m.DeclaringType == typeof(CryptographicOperations) && m.Name == nameof(CryptographicOperations.FixedTimeEquals));
        called.Should().NotContain(m => m.Name == "SequenceEqual" || (m.DeclaringType == typeof(string) && (m.Name == "Equals" || m.Name == "op_Equality")),
            "an early-exit comparison would leak how much of a guess was right");
    }

    /// <summary>Every method a method body calls directly, read from its IL.</summary>
    private static IEnumerable<MethodBase> CalledMethods(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var module = method.Module;
        for (var i = 0; i < il.Length; i++)
        {
            if ((il[i] == OpCodes.Call.Value || il[i] == OpCodes.Callvirt.Value) && i + 4 < il.Length)
            {
                MethodBase? callee = null;
                try
                {
                    callee = module.ResolveMethod(BitConverter.ToInt32(il, i + 1), method.DeclaringType!.GetGenericArguments(), null);
                }
                catch (ArgumentException)
                {
                }

                if (callee is not null)
                {
                    yield return callee;
                    i += 4;
                }
            }
        }
    }
}
