#:project ../src/MediaHost/ProSaaS.MediaHost.csproj
#:property PublishAot=false
// Renders the media host's Hebrew fallback message (src/MediaHost/Audio/fallback-he.ulaw) from a WAV spoken by espeak-ng:
//   espeak-ng -v he -s 165 -w /tmp/fallback.wav "מצטערים, יש תקלה זמנית. נחזור אליך בהקדם."
//   dotnet run scripts/render-fallback-clip.cs -- /tmp/fallback.wav src/MediaHost/Audio/fallback-he.ulaw
// The speech is trimmed of its silent ends (60 ms kept), low-passed at 3.4 kHz and resampled to 8 kHz (windowed sinc),
// brought to 90 % of full scale, encoded with the media host's own µ-law codec and padded with silence to whole 20 ms frames.
using System.Buffers.Binary;
using System.Text;
using ProSaaS.MediaHost.Audio;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: render-fallback-clip <in.wav: 16-bit mono PCM> <out.ulaw>");
    return 2;
}

var bytes = File.ReadAllBytes(args[0]);
var rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24));
int dataAt = 12, dataLength = 0;
while (dataAt + 8 <= bytes.Length)
{
    var id = Encoding.ASCII.GetString(bytes, dataAt, 4);
    var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(dataAt + 4));
    if (id == "data")
    {
        dataLength = Math.Min(length, bytes.Length - dataAt - 8);
        dataAt += 8;
        break;
    }

    dataAt += 8 + length;
}

var input = new double[dataLength / 2];
for (var i = 0; i < input.Length; i++)
{
    input[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(dataAt + 2 * i));
}

var peak = input.Max(Math.Abs);
var first = Math.Max(0, Array.FindIndex(input, v => Math.Abs(v) > peak * 0.02) - rate * 60 / 1000);
var last = Math.Min(input.Length - 1, Array.FindLastIndex(input, v => Math.Abs(v) > peak * 0.02) + rate * 60 / 1000);
input = input[first..(last + 1)];

const int Half = 64;
var cutoff = 3400.0 / rate;
var samples = new short[(int)((long)input.Length * MuLaw.SampleRate / rate)];
var gain = 0.9 * short.MaxValue / peak;
for (var j = 0; j < samples.Length; j++)
{
    var t = (double)j * rate / MuLaw.SampleRate;
    var centre = (int)t;
    double sum = 0, weights = 0;
    for (var k = centre - Half; k <= centre + Half; k++)
    {
        if (k < 0 || k >= input.Length)
        {
            continue;
        }

        var d = t - k;
        var sinc = d == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * d) / (Math.PI * d);
        var window = 0.42 + 0.5 * Math.Cos(Math.PI * d / (Half + 1)) + 0.08 * Math.Cos(2 * Math.PI * d / (Half + 1));
        sum += input[k] * sinc * window;
        weights += sinc * window;
    }

    samples[j] = (short)Math.Clamp(sum / weights * gain, short.MinValue, short.MaxValue);
}

var frames = (samples.Length + MuLaw.FrameBytes - 1) / MuLaw.FrameBytes;
var clip = new byte[frames * MuLaw.FrameBytes];
clip.AsSpan().Fill(MuLaw.Silence);
MuLaw.Encode(samples, clip);
File.WriteAllBytes(args[1], clip);
Console.WriteLine($"{rate} Hz in; {clip.Length} bytes out ({clip.Length / (double)MuLaw.SampleRate:F2} s)");
return 0;
